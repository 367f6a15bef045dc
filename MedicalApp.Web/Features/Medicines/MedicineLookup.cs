using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>
/// The medicines a practice may use now, by reference, inside a caller's context (and transaction): global ones that
/// are active and not hidden by the practice, and the practice's own active ones. What a prescription or short key
/// saves must pass through here, so a medicine hidden or withdrawn since the page offered it is not written.
/// </summary>
public static class MedicineLookup
{
    /// <summary>Those of <paramref name="refs"/> the current practice may use; the others are simply absent.</summary>
    public static async Task<IReadOnlyDictionary<(bool IsGlobal, Guid Id), IMedicine>> FindAsync(
        MedicalDbContext db, IEnumerable<(bool IsGlobal, Guid Id)> refs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(refs);
        db.RequirePracticeId(); // without a practice the hidden list would be empty and everything global would pass
        var wanted = refs.Distinct().ToList();
        var globalIds = wanted.Where(r => r.IsGlobal).Select(r => r.Id).ToList();
        var ownIds = wanted.Where(r => !r.IsGlobal).Select(r => r.Id).ToList();
        var found = new Dictionary<(bool IsGlobal, Guid Id), IMedicine>();
        if (globalIds.Count > 0)
        {
            var globals = await db.GlobalMedicines.AsNoTracking()
                .Where(g => globalIds.Contains(g.Id) && g.IsActive && !db.HiddenGlobalMedicines.Any(h => h.GlobalMedicineId == g.Id))
                .ToListAsync(ct);
            globals.ForEach(g => found[(true, g.Id)] = g);
        }

        if (ownIds.Count > 0)
        {
            var own = await db.PracticeMedicines.AsNoTracking().Where(p => ownIds.Contains(p.Id) && p.IsActive).ToListAsync(ct);
            own.ForEach(p => found[(false, p.Id)] = p);
        }

        return found;
    }

    /// <summary>
    /// What a reference names, whether or not the practice may still use it (for saying which line was left out): a
    /// global medicine, or one of the practice's own. Null when it names nothing this practice can see.
    /// </summary>
    public static async Task<IMedicine?> DescribeAsync(MedicalDbContext db, (bool IsGlobal, Guid Id) reference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return reference.IsGlobal
            ? await db.GlobalMedicines.AsNoTracking().FirstOrDefaultAsync(g => g.Id == reference.Id, ct)
            : await db.PracticeMedicines.AsNoTracking().FirstOrDefaultAsync(p => p.Id == reference.Id, ct);
    }

    /// <summary>The reference a medicine line (short key or prescription) holds.</summary>
    public static (bool IsGlobal, Guid Id) ReferenceOf(IMedicineLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.GlobalMedicineId is { } global ? (true, global)
            : line.PracticeMedicineId is { } own ? (false, own)
            : throw new InvalidOperationException("A medicine line names no medicine.");
    }
}
