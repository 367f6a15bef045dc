using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Registration;

/// <summary>
/// The weekly hours an owner who practises can choose at registration, so the new practice can take bookings on day
/// one (a practice registered without hours could book nothing, and nothing said why). Each is a common pattern of
/// Indian outpatient practice; anything else is set on the doctor's profile afterwards.
/// </summary>
public enum TypicalHours
{
    /// <summary>"I'll set them later": no hours are created.</summary>
    Later,

    /// <summary>Monday to Saturday, 10:00–13:00 and 17:00–20:00.</summary>
    MonSatMorningAndEvening,

    /// <summary>Monday to Saturday, 09:00–13:00 and 17:00–21:00.</summary>
    MonSatLongMorningAndEvening,

    /// <summary>Monday to Friday, 09:00–17:00.</summary>
    MonFriDay,
}

public static class TypicalHoursChoices
{
    private static readonly DayOfWeek[] MondayToSaturday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

    /// <summary>The choices in the order the form offers them, with the words it shows.</summary>
    public static IReadOnlyList<(TypicalHours Value, string Label)> All { get; } =
    [
        (TypicalHours.MonSatMorningAndEvening, "Mon–Sat 10:00–13:00 and 17:00–20:00"),
        (TypicalHours.MonSatLongMorningAndEvening, "Mon–Sat 09:00–13:00 and 17:00–21:00"),
        (TypicalHours.MonFriDay, "Mon–Fri 09:00–17:00"),
        (TypicalHours.Later, "I'll set them later"),
    ];

    /// <summary>The weekly ranges of a choice (none for <see cref="TypicalHours.Later"/>), in the practice's local time.</summary>
    public static IReadOnlyList<(DayOfWeek Day, TimeOnly Start, TimeOnly End)> Ranges(TypicalHours choice) => choice switch
    {
        TypicalHours.MonSatMorningAndEvening => Split(MondayToSaturday, new(10, 0), new(13, 0), new(17, 0), new(20, 0)),
        TypicalHours.MonSatLongMorningAndEvening => Split(MondayToSaturday, new(9, 0), new(13, 0), new(17, 0), new(21, 0)),
        TypicalHours.MonFriDay => MondayToSaturday[..5].Select(day => (day, new TimeOnly(9, 0), new TimeOnly(17, 0))).ToList(),
        _ => [],
    };

    /// <summary>Adds the choice's weekly hours to <paramref name="doctor"/> at <paramref name="location"/> (whose id EF has given it on add).</summary>
    public static void Apply(TypicalHours choice, DoctorProfile doctor, ClinicLocation location)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        ArgumentNullException.ThrowIfNull(location);
        foreach (var (day, start, end) in Ranges(choice))
        {
            doctor.Availability.Add(new DoctorAvailability { ClinicLocationId = location.Id, Day = day, StartTime = start, EndTime = end });
        }
    }

    private static List<(DayOfWeek, TimeOnly, TimeOnly)> Split(DayOfWeek[] days, TimeOnly morningStart, TimeOnly morningEnd, TimeOnly eveningStart, TimeOnly eveningEnd) =>
        days.SelectMany(day => new[] { (day, morningStart, morningEnd), (day, eveningStart, eveningEnd) }).ToList();
}
