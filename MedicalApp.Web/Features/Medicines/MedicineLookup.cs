using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>
/// The medicines a practice may prescribe, found by id inside a caller's context: global ones it has not hidden and
/// that are not withdrawn, and its own active ones. Whatever ids a page sends, nothing else is found (another
/// practice's medicines are outside the tenant filter and row-level security anyway).
/// </summary>
public static class MedicineLookup
{
    public static async Task<IReadOnlyDictionary<(bool IsGlobal, Guid Id), IMedicine>> FindAsync(
        MedicalDbContext db, IEnumerable<(bool IsGlobal, Guid Id)> refs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = refs.Distinct().ToList();
        var globalIds = wanted.Where(r => r.IsGlobal).Select(r => r.Id).ToList();
        var ownIds = wanted.Where(r => !r.IsGlobal).Select(r => r.Id).ToList();
        var found = new Dictionary<(bool IsGlobal, Guid Id), IMedicine>();
        if (globalIds.Count > 0)
        {
            var global = await db.GlobalMedicines.AsNoTracking()
                .Where(g => globalIds.Contains(g.Id) && g.IsActive && !db.HiddenGlobalMedicines.Any(h => h.GlobalMedicineId == g.Id))
                .ToListAsync(cancellationToken);
            global.ForEach(g => found[(true, g.Id)] = g);
        }

        if (ownIds.Count > 0)
        {
            var own = await db.PracticeMedicines.AsNoTracking().Where(m => ownIds.Contains(m.Id) && m.IsActive).ToListAsync(cancellationToken);
            own.ForEach(m => found[(false, m.Id)] = m);
        }

        return found;
    }
}
