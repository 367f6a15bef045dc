using MedicalApp.Data;
using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Medicines;

/// <summary>
/// Counts what a practice prescribes, inside the transaction that finalises the prescription, so the medicine search
/// can offer the practice's usual medicines first without counting prescription lines on every keystroke.
/// </summary>
public static class MedicineUsageCounter
{
    public static async Task RecordAsync(
        MedicalDbContext db, IEnumerable<(bool IsGlobal, Guid Id)> prescribed, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var medicines = prescribed.Distinct().ToList();
        var globalIds = medicines.Where(m => m.IsGlobal).Select(m => m.Id).ToList();
        var ownIds = medicines.Where(m => !m.IsGlobal).Select(m => m.Id).ToList();
        var existing = await db.MedicineUsage
            .Where(u => (u.GlobalMedicineId != null && globalIds.Contains(u.GlobalMedicineId.Value))
                || (u.PracticeMedicineId != null && ownIds.Contains(u.PracticeMedicineId.Value)))
            .ToListAsync(cancellationToken);
        foreach (var (isGlobal, id) in medicines)
        {
            var usage = existing.FirstOrDefault(u => isGlobal ? u.GlobalMedicineId == id : u.PracticeMedicineId == id);
            if (usage is null)
            {
                usage = new MedicineUsage { GlobalMedicineId = isGlobal ? id : null, PracticeMedicineId = isGlobal ? null : id };
                db.MedicineUsage.Add(usage);
            }

            usage.TimesPrescribed++;
            usage.LastPrescribedAtUtc = nowUtc;
        }
    }
}
