using System.Globalization;
using System.Security.Claims;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// What an appointment change hands the page with its outcome: the appointment it saved (to open it, to show its
/// number), or, with a refusal because the time asked for is not free (taken, passed, or not one of the doctor's
/// slots), the next free slots to offer instead.
/// </summary>
public sealed record AppointmentOutcome(Guid? AppointmentId, string? Number, IReadOnlyList<AppointmentSlot> Alternatives)
{
    /// <summary>With a refusal: the patient's visit with the doctor that day already; booking again needs a confirmation.</summary>
    public SameDayAppointment? SameDay { get; init; }

    public static AppointmentOutcome Saved(Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        return new(appointment.Id, appointment.Number, []);
    }

    public static AppointmentOutcome Offer(IReadOnlyList<AppointmentSlot> alternatives) => new(null, null, alternatives);
}

public static class AppointmentOutcomes
{
    /// <summary>"This time is not free", with the free slots to choose from instead; nothing was written.</summary>
    public static ChangeResult<AppointmentOutcome> NotFree(string message, IReadOnlyList<AppointmentSlot> alternatives) =>
        ChangeResult.Refused(message).With(AppointmentOutcome.Offer(alternatives));

    /// <summary>The free slots a refusal offers instead of the time asked for; none for any other outcome.</summary>
    public static IReadOnlyList<AppointmentSlot> AlternativeSlots(this ChangeResult<AppointmentOutcome> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Value?.Alternatives ?? [];
    }
}

/// <summary>Names of the fields that can carry an error.</summary>
public static class AppointmentFields
{
    public const string Patient = "Patient";
    public const string Doctor = "Doctor";
    public const string Location = "Location";
    public const string Date = "Date";
    public const string Start = "Start";
    public const string Reason = "Reason";
    public const string Notes = "Notes";
    public const string CancellationReason = "CancellationReason";
}

/// <summary>What the booking page sends: who, with whom, where, when (practice-local) and why.</summary>
public sealed class BookingRequest
{
    public Guid? PatientId { get; set; }

    public Guid? DoctorId { get; set; }

    public Guid? LocationId { get; set; }

    public DateOnly? Date { get; set; }

    public TimeOnly? Start { get; set; }

    public string? Reason { get; set; }

    public string? Notes { get; set; }
}

/// <summary>Input limits shared by the forms (instant feedback) and the services (the check that counts).</summary>
public static class AppointmentRules
{
    public const int ReasonMaxLength = 500;
    public const int NotesMaxLength = 2000;
    public const int CancellationReasonMaxLength = 500;

    /// <summary>How far ahead the "next free slots" offer looks.</summary>
    public const int AlternativeSearchDays = 14;

    public const int AlternativeCount = 3;

    public static string? ReasonError(string? reason) =>
        reason is not null && reason.Trim().Length > ReasonMaxLength ? $"The reason for the visit can be at most {ReasonMaxLength} characters." : null;

    public static string? NotesError(string? notes) =>
        notes is not null && notes.Trim().Length > NotesMaxLength ? $"Notes can be at most {NotesMaxLength} characters." : null;

    public static string? CancellationReasonError(string? reason) => string.IsNullOrWhiteSpace(reason)
        ? "Say why the appointment is cancelled."
        : reason.Trim().Length > CancellationReasonMaxLength ? $"The reason can be at most {CancellationReasonMaxLength} characters." : null;

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The booking form's own rules, on the server: the refusal, or null when the texts are acceptable.</summary>
    public static ChangeResult? Check(string? reason, string? notes) => ChangeResult.InvalidIfAny(
    [
        new(AppointmentFields.Reason, ReasonError(reason)),
        new(AppointmentFields.Notes, NotesError(notes)),
    ]);
}

/// <summary>An appointment as lists, the calendar and the queue show it; times already in the practice's zone.</summary>
public sealed record AppointmentRow(
    Guid Id,
    string Number,
    Guid PatientId,
    string PatientName,
    string PatientMobile,
    Guid DoctorId,
    string DoctorName,
    Guid LocationId,
    string LocationName,
    DateTime LocalStart,
    DateTime LocalEnd,
    DateTime StartsAtUtc,
    AppointmentStatus Status,
    bool IsWalkIn,
    string? Reason)
{
    public DateOnly Date => DateOnly.FromDateTime(LocalStart);

    /// <summary>The day's token with the doctor, set at check-in (see <see cref="AppointmentTokens"/>).</summary>
    public int? TokenNumber { get; init; }

    /// <summary>"T-03", or null before check-in.</summary>
    public string? Token => AppointmentTokens.Format(TokenNumber);

    public DateTime? ArrivedAtUtc { get; init; }

    /// <summary>Set while the front desk has put the patient at the top of the doctor's queue.</summary>
    public DateTime? UrgentSinceUtc { get; init; }

    public string? UrgentReason { get; init; }

    public bool IsUrgent => UrgentSinceUtc is not null;

    /// <summary>"10:00–10:30".</summary>
    public string Times => $"{LocalStart.ToString("HH:mm", CultureInfo.InvariantCulture)}–{LocalEnd.ToString("HH:mm", CultureInfo.InvariantCulture)}";
}

/// <summary>One appointment with everything the details dialog shows and what the viewer may do with it.</summary>
public sealed record AppointmentDetails(
    AppointmentRow Appointment,
    string? Notes,
    string? CancellationReason,
    DateTime CreatedAtLocal,
    DateTime? StatusChangedAtLocal,
    Guid DoctorUserId,
    AppointmentActions Actions)
{
    /// <summary>When the patient checked in, in the practice's zone.</summary>
    public DateTime? ArrivedAtLocal { get; init; }
}

/// <summary>What the viewer may do with an appointment now; the service checks again when they do it.</summary>
public sealed record AppointmentActions(bool Confirm, bool Start, bool Complete, bool Cancel, bool NoShow, bool Reschedule)
{
    public static AppointmentActions None { get; } = new(false, false, false, false, false, false);

    /// <summary>Why a consultation cannot be started by this viewer, for a tooltip; null when they can.</summary>
    public string? StartRefusal { get; init; }

    /// <summary>The viewer is the visit's doctor (who writes it): starting opens the consultation page.</summary>
    public bool WritesConsultation { get; init; }

    /// <summary>The visit has a consultation this viewer may open: its doctor, or an administrator to read.</summary>
    public bool OpenConsultation { get; init; }

    /// <summary>Today's booked visit can be checked in (the patient has arrived at the desk).</summary>
    public bool CheckIn { get; init; }
}

public enum AppointmentPeriod
{
    Today,
    Upcoming,
    Past,
}

public sealed record AppointmentListQuery(
    AppointmentPeriod Period,
    AppointmentStatus? Status = null,
    Guid? DoctorId = null,
    Guid? LocationId = null,
    int Page = 0,
    int PageSize = 25);

public sealed record AppointmentPage(IReadOnlyList<AppointmentRow> Items, int TotalCount, DateOnly Today);

/// <summary>A bookable doctor: name, slot length, and where they practise.</summary>
public sealed record DoctorChoice(Guid Id, Guid UserId, string Name, int ConsultationMinutes, IReadOnlyList<Guid> LocationIds);

public sealed record LocationChoice(Guid Id, string Name, bool IsRegisteredLocation);

/// <summary>The choices of the booking page, the list filters and the calendar.</summary>
public sealed record BookingOptions(IReadOnlyList<DoctorChoice> Doctors, IReadOnlyList<LocationChoice> Locations, DateOnly Today, string TimeZoneId);

/// <summary>The free slots of one doctor on one day at one location, and why there are none when there are none.</summary>
public sealed record SlotDay(DateOnly Date, IReadOnlyList<AppointmentSlot> Slots, string? Notice);

/// <summary>A doctor's day in the practice: why they see nobody (null when they do), and the locations with their hours that day.</summary>
public sealed record DoctorDay(DateOnly Date, string? Unavailable, IReadOnlyList<Guid> LocationIdsWithHours);

public enum CalendarMode
{
    Doctor,
    Location,
}

/// <summary>A calendar of <see cref="Days"/> days from <see cref="From"/> for one doctor or one location.</summary>
public sealed record CalendarQuery(CalendarMode Mode, Guid Id, DateOnly From, int Days, bool IncludeCancelled = false);

/// <summary>
/// What the calendar grid draws: appointments, the time rows from the earliest availability to the latest (widened to
/// fit every appointment shown), the doctors of a location (its day view has a column per doctor), and leave days.
/// </summary>
public sealed record CalendarData(
    IReadOnlyList<AppointmentRow> Appointments,
    TimeOnly DayStart,
    TimeOnly DayEnd,
    IReadOnlyList<DoctorChoice> Doctors,
    IReadOnlyList<(Guid DoctorId, DateOnly Date)> Leave,
    DateOnly Today)
{
    /// <summary>The shown doctors' hours per day (at the location, or at every location for a doctor); none on leave.</summary>
    public IReadOnlyList<CalendarHours> Hours { get; init; } = [];

    /// <summary>A location's structured opening hours per day; null when it has none (nothing is shaded as closed).</summary>
    public IReadOnlyList<CalendarOpening>? Opening { get; init; }

    /// <summary>The doctors' consultation slots (a day or week only), free ones bookable from the grid.</summary>
    public IReadOnlyList<CalendarSlot> Slots { get; init; } = [];
}

/// <summary>
/// One doctor's column of the reception queue for today at one location: who is waiting (checked in, in queue order:
/// urgent first, then by token), who is in consultation, and who is booked but has not arrived yet (in time order).
/// </summary>
public sealed record QueueColumn(
    Guid DoctorId,
    Guid DoctorUserId,
    string DoctorName,
    string Hours,
    bool OnLeave,
    IReadOnlyList<AppointmentRow> Waiting,
    IReadOnlyList<AppointmentRow> InConsultation,
    int Completed)
{
    /// <summary>Booked (scheduled or confirmed) for today and not checked in yet, in time order.</summary>
    public IReadOnlyList<AppointmentRow> NotArrived { get; init; } = [];
}

public sealed record ReceptionQueue(DateOnly Today, Guid LocationId, IReadOnlyList<QueueColumn> Columns);
