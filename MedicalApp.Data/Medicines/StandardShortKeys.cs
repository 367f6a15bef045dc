using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Data.Medicines;

/// <summary>One line of a standard short key: a catalogue medicine named as people find it, and its defaults.</summary>
public sealed record StandardShortKeyLine(
    string BrandName, string Strength, string DosageForm,
    string? Dose, string? Frequency, string? Duration, MedicineTiming Timing, string? Instructions, int? Quantity);

/// <summary>A short key every practice starts with.</summary>
public sealed record StandardShortKey(string Code, string Name, IReadOnlyList<StandardShortKeyLine> Lines);

/// <summary>
/// The shared short keys a practice starts with (the demo practice, and every newly registered one): common
/// prescriptions of an Indian general or dental practice, which doctors then adapt. Lines name global medicines by
/// brand, strength and form, and are resolved to the catalogue's stable ids when the keys are added; a medicine the
/// catalogue does not have (or has withdrawn) is left out, and a key none of whose medicines is found is not added.
/// </summary>
public static class StandardShortKeys
{
    public static IReadOnlyList<StandardShortKey> All { get; } =
    [
        new("FEVER", "Fever (adult)",
        [
            new("Dolo 650", "650 mg", "Tablet", "1 tablet", "1-1-1", "3 days", MedicineTiming.AfterFood,
                "Only while the temperature is above 100 °F; at least 6 hours between doses.", 9),
        ]),
        new("COLD", "Common cold (adult)",
        [
            new("Cheston Cold", "5 mg + 325 mg + 10 mg", "Tablet", "1 tablet", "1-0-1", "3 days", MedicineTiming.AfterFood, null, 6),
            new("Levocet", "5 mg", "Tablet", "1 tablet", "0-0-1", "5 days", MedicineTiming.AtBedtime, "May cause drowsiness.", 5),
            new("Otrivin", "0.1% w/v", "Nasal spray", "1 spray in each nostril", "1-0-1", "5 days", MedicineTiming.Unspecified,
                "Not for more than 5 days.", 1),
        ]),
        new("DENTAL-PAIN", "Dental pain",
        [
            new("Zerodol-P", "100 mg + 325 mg", "Tablet", "1 tablet", "1-0-1", "3 days", MedicineTiming.AfterFood, null, 6),
            new("Pan 40", "40 mg", "Tablet", "1 tablet", "1-0-0", "3 days", MedicineTiming.EmptyStomach, "30 minutes before breakfast.", 3),
            new("Mucopain", "20% w/w", "Gel", "Apply a little on the painful gum", "1-1-1", "3 days", MedicineTiming.Unspecified,
                "Do not eat or drink for 30 minutes after applying.", 1),
        ]),
        new("POST-EXTRACTION", "After a tooth extraction",
        [
            new("Augmentin 625 Duo", "500 mg + 125 mg", "Tablet", "1 tablet", "1-0-1", "5 days", MedicineTiming.AfterFood, null, 10),
            new("Metrogyl 400", "400 mg", "Tablet", "1 tablet", "1-1-1", "5 days", MedicineTiming.AfterFood, "No alcohol during the course.", 15),
            new("Ketorol DT", "10 mg", "Tablet", "1 tablet", "1-0-1", "3 days", MedicineTiming.AfterFood, "Dissolve in water; only for pain.", 6),
            new("Pan 40", "40 mg", "Tablet", "1 tablet", "1-0-0", "5 days", MedicineTiming.EmptyStomach, "30 minutes before breakfast.", 5),
            new("Hexidine", "0.2% w/v", "Mouthwash", "10 ml", "0-1-1", "7 days", MedicineTiming.AfterFood,
                "From the day after the extraction; rinse for 30 seconds and spit out.", 1),
        ]),
        new("GASTRITIS", "Gastritis and acidity",
        [
            new("Pan-D", "40 mg + 30 mg", "Capsule", "1 capsule", "1-0-0", "14 days", MedicineTiming.EmptyStomach, "30 minutes before breakfast.", 14),
            new("Digene", "50 mg + 300 mg + 25 mg + 25 mg/5 ml", "Gel", "10 ml", "1-1-1", "7 days", MedicineTiming.AfterFood,
                "Shake well; when there is burning.", 1),
            new("Sucrafil O", "1 g + 20 mg/10 ml", "Suspension", "10 ml", "1-1-1", "7 days", MedicineTiming.BeforeFood, "Shake well.", 1),
        ]),
    ];

    /// <summary>
    /// Adds to <paramref name="db"/> (tracked, saved by the caller with the rest of its unit of work) the standard keys
    /// whose code the practice does not use yet, shared and created by <paramref name="createdByUserId"/>. The context
    /// must work inside the practice. Returns the keys added.
    /// </summary>
    public static async Task<IReadOnlyList<ShortKey>> AddMissingAsync(
        MedicalDbContext db, Guid createdByUserId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var existingCodes = await db.ShortKeys.Select(k => k.Code).ToListAsync(cancellationToken);
        var wanted = All.Where(k => !existingCodes.Contains(k.Code, StringComparer.OrdinalIgnoreCase)).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var brands = wanted.SelectMany(k => k.Lines).Select(l => l.BrandName).Distinct().ToList();
        var candidates = await db.GlobalMedicines.AsNoTracking()
            .Where(g => g.IsActive && brands.Contains(g.BrandName))
            .Select(g => new { g.Id, g.BrandName, g.Strength, g.DosageForm })
            .ToListAsync(cancellationToken);

        var added = new List<ShortKey>();
        foreach (var standard in wanted)
        {
            var key = new ShortKey
            {
                Code = standard.Code,
                Name = standard.Name,
                IsShared = true,
                CreatedByUserId = createdByUserId,
                CreatedAtUtc = nowUtc,
            };
            foreach (var line in standard.Lines)
            {
                // The catalogue's own spelling decides; a brand with several strengths or forms is told apart by them.
                var medicine = candidates
                    .Where(c => Same(c.BrandName, line.BrandName) && Same(c.Strength, line.Strength) && Same(c.DosageForm, line.DosageForm))
                    .OrderBy(c => c.Id)
                    .FirstOrDefault();
                if (medicine is null)
                {
                    continue;
                }

                key.Lines.Add(new ShortKeyLine
                {
                    Position = key.Lines.Count + 1,
                    GlobalMedicineId = medicine.Id,
                    Dose = line.Dose,
                    Frequency = line.Frequency,
                    Duration = line.Duration,
                    Timing = line.Timing,
                    Instructions = line.Instructions,
                    Quantity = line.Quantity,
                });
            }

            if (key.Lines.Count > 0)
            {
                db.ShortKeys.Add(key);
                added.Add(key);
            }
        }

        return added;
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
