using MedicalApp.Data.Entities;
using MudBlazor;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// The status machine: Scheduled → Confirmed → Arrived (checked in at the desk) → InProgress → Completed; a doctor may
/// also start a Scheduled or Confirmed appointment directly; Cancelled and NoShow only from Scheduled or Confirmed, and an
/// arrived patient who leaves unseen is cancelled with the reason ("left without being seen"), never a no-show: they came.
/// Completed, Cancelled and NoShow are final.
/// </summary>
public static class AppointmentStatusRules
{
    private static readonly Dictionary<AppointmentStatus, AppointmentStatus[]> Moves = new()
    {
        [AppointmentStatus.Scheduled] = [AppointmentStatus.Confirmed, AppointmentStatus.Arrived, AppointmentStatus.InProgress, AppointmentStatus.Cancelled, AppointmentStatus.NoShow],
        [AppointmentStatus.Confirmed] = [AppointmentStatus.Arrived, AppointmentStatus.InProgress, AppointmentStatus.Cancelled, AppointmentStatus.NoShow],
        [AppointmentStatus.Arrived] = [AppointmentStatus.InProgress, AppointmentStatus.Cancelled],
        [AppointmentStatus.InProgress] = [AppointmentStatus.Completed],
        [AppointmentStatus.Completed] = [],
        [AppointmentStatus.Cancelled] = [],
        [AppointmentStatus.NoShow] = [],
    };

    public static bool CanMove(AppointmentStatus from, AppointmentStatus to) => Moves[from].Contains(to);

    /// <summary>Only appointments that have not begun can move to another time.</summary>
    public static bool CanReschedule(AppointmentStatus status) => status is AppointmentStatus.Scheduled or AppointmentStatus.Confirmed;

    public static bool IsBlocking(AppointmentStatus status) => Appointment.BlockingStatuses.Contains(status);

    /// <summary>Why <paramref name="from"/> cannot become <paramref name="to"/>, in words for the user.</summary>
    public static string Refusal(AppointmentStatus from, AppointmentStatus to) => (from, to) switch
    {
        (AppointmentStatus.Completed or AppointmentStatus.Cancelled or AppointmentStatus.NoShow, _) =>
            $"This appointment is {Label(from).ToLowerInvariant()}; its status can no longer change.",
        (_, AppointmentStatus.Completed) => "Only a consultation in progress can be completed. Start it first.",
        (AppointmentStatus.InProgress, _) => "The consultation is in progress; it can only be completed now.",
        (AppointmentStatus.Arrived, AppointmentStatus.NoShow) =>
            "The patient has arrived, so this is not a no-show. If they left without being seen, cancel the visit and say so.",
        (AppointmentStatus.Arrived, AppointmentStatus.Confirmed) => "The patient has already arrived.",
        (AppointmentStatus.Arrived, AppointmentStatus.Arrived) => "The patient is already checked in.",
        (_, AppointmentStatus.Arrived) => $"Only a scheduled or confirmed appointment can be checked in; this one is {Label(from).ToLowerInvariant()}.",
        (_, AppointmentStatus.Confirmed) => $"Only a scheduled appointment can be confirmed; this one is {Label(from).ToLowerInvariant()}.",
        _ => $"A {Label(from).ToLowerInvariant()} appointment cannot become {Label(to).ToLowerInvariant()}.",
    };

    public static string Label(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Scheduled => "Scheduled",
        AppointmentStatus.Confirmed => "Confirmed",
        AppointmentStatus.Arrived => "Arrived",
        AppointmentStatus.InProgress => "In consultation",
        AppointmentStatus.Completed => "Completed",
        AppointmentStatus.Cancelled => "Cancelled",
        AppointmentStatus.NoShow => "No-show",
        _ => status.ToString(),
    };

    /// <summary>The same colour for a status everywhere: lists, calendar blocks and the queue.</summary>
    public static Color Colour(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Scheduled => Color.Info,
        AppointmentStatus.Confirmed => Color.Primary,
        AppointmentStatus.Arrived => Color.Tertiary,
        AppointmentStatus.InProgress => Color.Warning,
        AppointmentStatus.Completed => Color.Success,
        AppointmentStatus.Cancelled => Color.Default,
        AppointmentStatus.NoShow => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The CSS class of a calendar block for the status (see AppointmentCalendar.razor.css).</summary>
    public static string BlockClass(AppointmentStatus status) => "appt-" + status.ToString().ToLowerInvariant();

    /// <summary>The verb of the change, for messages and the audit trail.</summary>
    public static string Done(AppointmentStatus to) => to switch
    {
        AppointmentStatus.Confirmed => "confirmed",
        AppointmentStatus.Arrived => "checked in",
        AppointmentStatus.InProgress => "started",
        AppointmentStatus.Completed => "completed",
        AppointmentStatus.Cancelled => "cancelled",
        AppointmentStatus.NoShow => "marked as no-show",
        _ => "changed",
    };
}
