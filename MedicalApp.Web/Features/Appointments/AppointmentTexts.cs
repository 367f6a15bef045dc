using MedicalApp.Data.Entities;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>What the reason-and-notes form sends: the new texts and the texts it was filled from (to detect a concurrent edit).</summary>
public sealed record AppointmentTextsEdit(string? Reason, string? Notes, string? ReasonSeen, string? NotesSeen);

/// <summary>
/// Editing an appointment's reason for the visit and its front-desk notes. These are booking texts, not the clinical
/// record (that is the consultation), so a clinic keeps them editable after the visit: notes collect what happens
/// afterwards ("report collected", "called to rebook") and a completed visit's reason is corrected when it was booked
/// as something else. A cancelled or no-show appointment keeps the reason it was booked for (the history of a visit
/// that did not happen), but its notes stay open for the follow-up calls.
/// </summary>
public sealed class AppointmentTexts(PracticeChanges changes)
{
    public const string ReasonLockedMessage = "The reason of a cancelled or no-show appointment stays as it was booked; add to the notes instead.";

    /// <summary>Whether the reason of an appointment in this status may still be changed (notes always may).</summary>
    public static bool ReasonEditable(AppointmentStatus status) => status is not (AppointmentStatus.Cancelled or AppointmentStatus.NoShow);

    /// <summary>
    /// Saves the new texts in one transaction with their audit row (before → after lengths only: the texts may hold
    /// health details, which the audit trail does not copy). Refused as stale when the appointment's texts changed
    /// since the form was filled (the appointment has no version column; the texts themselves are compared under the
    /// appointment's row lock).
    /// </summary>
    public Task<ChangeResult<AppointmentOutcome>> UpdateAsync(Guid appointmentId, AppointmentTextsEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return changes.RunAsync<AppointmentOutcome>(AppointmentService.Scheduling, async change =>
        {
            if (AppointmentRules.Check(edit.Reason, edit.Notes) is { } invalid)
            {
                return invalid;
            }

            var appointment = await AppointmentTransitions.LockAsync(change.Db, appointmentId, cancellationToken);
            if (appointment is null)
            {
                return ChangeResult.NotFound(AppointmentService.NotFoundMessage);
            }

            if (appointment.Reason != AppointmentRules.Clean(edit.ReasonSeen) || appointment.Notes != AppointmentRules.Clean(edit.NotesSeen))
            {
                return ChangeResult.Stale("appointment");
            }

            var reason = AppointmentRules.Clean(edit.Reason);
            var notes = AppointmentRules.Clean(edit.Notes);
            if (reason != appointment.Reason && !ReasonEditable(appointment.Status))
            {
                return ChangeResult.Invalid(AppointmentFields.Reason, ReasonLockedMessage);
            }

            if (reason == appointment.Reason && notes == appointment.Notes)
            {
                return ChangeResult.Unchanged("Nothing to save: the reason and notes are as they were.");
            }

            var changed = new List<string>();
            if (reason != appointment.Reason)
            {
                changed.Add($"reason ({Length(appointment.Reason)} → {Length(reason)} characters)");
            }

            if (notes != appointment.Notes)
            {
                changed.Add($"notes ({Length(appointment.Notes)} → {Length(notes)} characters)");
            }

            appointment.Reason = reason;
            appointment.Notes = notes;
            change.Audit(AuditActions.AppointmentTextsEdited, nameof(Appointment), appointment.Id,
                $"{appointment.Number}: changed {string.Join(" and ", changed)}");
            return ChangeResult<AppointmentOutcome>.Done(AppointmentOutcome.Saved(appointment), $"Saved the reason and notes of {appointment.Number}.");
        }, cancellationToken);
    }

    private static int Length(string? text) => text?.Length ?? 0;
}
