using System.Globalization;
using System.Security.Claims;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;

namespace MedicalApp.Web.Features.Appointments;

public enum AppointmentResultStatus
{
    Saved,
    Invalid,
    NotFound,
    Forbidden,

    /// <summary>The time is not free (taken, passed, or not one of the doctor's slots); alternatives are offered.</summary>
    SlotUnavailable,

    /// <summary>A business rule refused the change (an invalid status transition, for example).</summary>
    Refused,
    ReadOnly,
}

/// <summary>
/// The outcome of a change: saved, or why not, in words for the user. Field errors are keyed by the names in
/// <see cref="AppointmentFields"/>; a time that is not free comes with the next free slots to offer instead.
/// </summary>
public sealed record AppointmentResult(
    AppointmentResultStatus Status,
    IReadOnlyDictionary<string, string> FieldErrors,
    string? Message = null,
    Guid? AppointmentId = null,
    string? Number = null,
    IReadOnlyList<AppointmentSlot>? Alternatives = null)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public bool Succeeded => Status == AppointmentResultStatus.Saved;

    public IReadOnlyList<AppointmentSlot> AlternativeSlots => Alternatives ?? [];

    /// <summary>Every message, for an alert that sums up what to fix.</summary>
    public IEnumerable<string> AllMessages => (Message is null ? [] : new[] { Message }).Concat(FieldErrors.Values).Distinct();

    public static AppointmentResult Saved(string message, Guid appointmentId, string? number = null) =>
        new(AppointmentResultStatus.Saved, NoErrors, message, appointmentId, number);

    public static AppointmentResult Invalid(IReadOnlyDictionary<string, string> errors) =>
        new(AppointmentResultStatus.Invalid, errors, "Please correct the highlighted fields.");

    public static AppointmentResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string> { [field] = message });

    public static AppointmentResult NotFound() =>
        new(AppointmentResultStatus.NotFound, NoErrors, "This appointment does not exist in this practice.");

    public static AppointmentResult Forbidden(string message) => new(AppointmentResultStatus.Forbidden, NoErrors, message);

    public static AppointmentResult SlotUnavailable(string message, IReadOnlyList<AppointmentSlot> alternatives) =>
        new(AppointmentResultStatus.SlotUnavailable, NoErrors, message, Alternatives: alternatives);

    public static AppointmentResult Refused(string message) => new(AppointmentResultStatus.Refused, NoErrors, message);

    public static AppointmentResult ReadOnly(string message) => new(AppointmentResultStatus.ReadOnly, NoErrors, message);
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
    AppointmentActions Actions);

/// <summary>What the viewer may do with an appointment now; the service checks again when they do it.</summary>
public sealed record AppointmentActions(bool Confirm, bool Start, bool Complete, bool Cancel, bool NoShow, bool Reschedule)
{
    public static AppointmentActions None { get; } = new(false, false, false, false, false, false);

    /// <summary>Why a consultation cannot be started by this viewer, for a tooltip; null when they can.</summary>
    public string? StartRefusal { get; init; }
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
    DateOnly Today);

/// <summary>One doctor's column of the reception queue for today at one location.</summary>
public sealed record QueueColumn(
    Guid DoctorId,
    Guid DoctorUserId,
    string DoctorName,
    string Hours,
    bool OnLeave,
    IReadOnlyList<AppointmentRow> Waiting,
    IReadOnlyList<AppointmentRow> InConsultation,
    int Completed);

public sealed record ReceptionQueue(DateOnly Today, Guid LocationId, IReadOnlyList<QueueColumn> Columns);
