using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>
/// Counts what a practice prescribes, so the medicine search offers its usual choices first. Called when a
/// prescription is finalised, inside that change's transaction and practice lock (which is what keeps two
/// finalisations from both inserting the first count of one medicine); the caller's save writes it.
/// </summary>
public static class MedicineUsageCounter
{
    /// <summary>Each distinct medicine of <paramref name="prescribed"/> counts once more, prescribed at <paramref name="nowUtc"/>.</summary>
    public static async Task RecordAsync(
        MedicalDbContext db, IEnumerable<(bool IsGlobal, Guid Id)> prescribed, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(prescribed);
        var medicines = prescribed.Distinct().ToList();
        if (medicines.Count == 0)
        {
            return;
        }

        var globalIds = medicines.Where(m => m.IsGlobal).Select(m => (Guid?)m.Id).ToList();
        var ownIds = medicines.Where(m => !m.IsGlobal).Select(m => (Guid?)m.Id).ToList();
        // Tracked, so the caller's save writes the new counts; rows added earlier in the same unit of work count too.
        var stored = await db.MedicineUsage
            .Where(u => globalIds.Contains(u.GlobalMedicineId) || ownIds.Contains(u.PracticeMedicineId))
            .ToListAsync(ct);
        var known = stored.Concat(db.MedicineUsage.Local.Where(u => db.Entry(u).State == EntityState.Added)).Distinct().ToList();
        foreach (var (isGlobal, id) in medicines)
        {
            var usage = known.FirstOrDefault(u => isGlobal ? u.GlobalMedicineId == id : u.PracticeMedicineId == id);
            if (usage is null)
            {
                usage = new MedicineUsage { GlobalMedicineId = isGlobal ? id : null, PracticeMedicineId = isGlobal ? null : id };
                db.MedicineUsage.Add(usage);
                known.Add(usage);
            }

            usage.TimesPrescribed++;
            usage.LastPrescribedAtUtc = nowUtc;
        }
    }
}
