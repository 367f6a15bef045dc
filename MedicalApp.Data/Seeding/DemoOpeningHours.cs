using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Data.Seeding;

/// <summary>
/// Structured opening hours of the demo locations, matching the timings they print ("Mon–Sat 09:00–13:00,
/// 17:00–21:00"), so booking and the doctors' hours form have real hours to work with. Added to a location only while
/// it has none: an owner's own edits in a demo database are kept.
/// </summary>
internal static class DemoOpeningHours
{
    private static readonly DayOfWeek[] MondayToFriday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly DayOfWeek[] MondayToSaturday = [.. MondayToFriday, DayOfWeek.Saturday];

    // By the end of the location's name, as the demo doctors' hours find their locations.
    private static readonly (string LocationNameEnding, DayOfWeek[] Days, TimeOnly Opens, TimeOnly Closes)[] Hours =
    [
        ("Anna Nagar", MondayToSaturday, new(9, 0), new(13, 0)),
        ("Anna Nagar", MondayToSaturday, new(17, 0), new(21, 0)),
        ("T. Nagar", MondayToFriday, new(10, 0), new(18, 0)),
        ("Sunrise Dental Care", MondayToSaturday, new(10, 0), new(19, 0)),
    ];

    /// <summary>Adds the hours of the practice's demo locations that have none yet (the context is in the practice).</summary>
    public static async Task EnsureAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        var withHours = await db.LocationOpeningHours.Select(h => h.ClinicLocationId).Distinct().ToListAsync(cancellationToken);
        var locations = await db.ClinicLocations.Where(l => !withHours.Contains(l.Id)).ToListAsync(cancellationToken);
        foreach (var location in locations)
        {
            foreach (var (_, days, opens, closes) in Hours.Where(h => location.Name.EndsWith(h.LocationNameEnding, StringComparison.Ordinal)))
            {
                foreach (var day in days)
                {
                    db.LocationOpeningHours.Add(new LocationOpeningHours { ClinicLocationId = location.Id, Day = day, Opens = opens, Closes = closes });
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
