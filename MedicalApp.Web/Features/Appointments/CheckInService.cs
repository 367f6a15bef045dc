using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// The front desk's part of a visit on the day: checking the patient in (Arrived, with the arrival time and the day's
/// token with the doctor) and putting an urgent patient at the top of the doctor's waiting list with a reason, or
/// taking them off it. Each is a change of the appointment's own row (locked), like the other status changes, so two
/// receptionists pressing "Check in" at once give one token, and another practice's appointment is simply not found.
/// </summary>
public sealed class CheckInService(PracticeChanges changes, TimeProvider clock)
{
    public const string UrgentReasonField = "UrgentReason";
    public const int UrgentReasonMaxLength = 200;

    /// <summary>The reason is required and short: it is shown beside the patient in every queue.</summary>
    public static string? UrgentReasonError(string? reason) => string.IsNullOrWhiteSpace(reason)
        ? "Say why the patient must be seen first, e.g. “chest pain”."
        : reason.Trim().Length > UrgentReasonMaxLength ? $"The reason can be at most {UrgentReasonMaxLength} characters." : null;

    /// <summary>The patient is at the desk: today's scheduled or confirmed visit becomes Arrived and gets its token.</summary>
    public Task<ChangeResult<AppointmentOutcome>> CheckInAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        changes.RunAsync<AppointmentOutcome>(AppointmentService.Scheduling, async change =>
        {
            var appointment = await AppointmentTransitions.LockAsync(change.Db, appointmentId, cancellationToken);
            if (appointment is null)
            {
                return ChangeResult.NotFound(AppointmentTransitions.NotFoundMessage);
            }

            var practiceClock = await PracticeClock.ReadAsync(change.Db, clock, cancellationToken);
            if (await AppointmentTransitions.MoveAsync(change, appointment, AppointmentStatus.Arrived, null, practiceClock, pauseOpenConsultation: false, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            return ChangeResult<AppointmentOutcome>.Done(AppointmentOutcome.Saved(appointment),
                $"{appointment.Number} checked in: token {AppointmentTokens.Format(appointment.TokenNumber!.Value)}.");
        }, cancellationToken);

    /// <summary>Puts a waiting (checked-in) patient at the top of their doctor's list, with the reason shown to all.</summary>
    public Task<ChangeResult<AppointmentOutcome>> MarkUrgentAsync(Guid appointmentId, string? reason, CancellationToken cancellationToken = default) =>
        changes.RunAsync<AppointmentOutcome>(AppointmentService.Scheduling, async change =>
        {
            if (UrgentReasonError(reason) is { } error)
            {
                return ChangeResult.Invalid(UrgentReasonField, error);
            }

            var appointment = await AppointmentTransitions.LockAsync(change.Db, appointmentId, cancellationToken);
            if (appointment is null)
            {
                return ChangeResult.NotFound(AppointmentTransitions.NotFoundMessage);
            }

            if (appointment.Status != AppointmentStatus.Arrived)
            {
                return ChangeResult.Refused(
                    $"Only a patient who is checked in and waiting can be moved up as urgent; this visit is {AppointmentStatusRules.Label(appointment.Status).ToLowerInvariant()}.");
            }

            var cleaned = reason!.Trim();
            if (appointment.UrgentSinceUtc is not null && appointment.UrgentReason == cleaned)
            {
                return ChangeResult.Unchanged("The patient is already marked urgent for this reason.");
            }

            // A new reason keeps the patient's place among the urgent: the time they were first marked counts.
            appointment.UrgentSinceUtc ??= change.NowUtc;
            appointment.UrgentReason = cleaned;
            change.Audit(AuditActions.PatientMarkedUrgent, nameof(Appointment), appointment.Id,
                $"{appointment.Number} ({AppointmentTokens.Format(appointment.TokenNumber)}): urgent, {cleaned}");
            return ChangeResult<AppointmentOutcome>.Done(AppointmentOutcome.Saved(appointment),
                $"{AppointmentTokens.Format(appointment.TokenNumber)} is at the top of the doctor's queue: {cleaned}.");
        }, cancellationToken);

    /// <summary>Takes the patient back to their place by token.</summary>
    public Task<ChangeResult<AppointmentOutcome>> ClearUrgentAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        changes.RunAsync<AppointmentOutcome>(AppointmentService.Scheduling, async change =>
        {
            var appointment = await AppointmentTransitions.LockAsync(change.Db, appointmentId, cancellationToken);
            if (appointment is null)
            {
                return ChangeResult.NotFound(AppointmentTransitions.NotFoundMessage);
            }

            if (appointment.UrgentSinceUtc is null)
            {
                return ChangeResult.Unchanged("The patient is not marked urgent.");
            }

            var reason = appointment.UrgentReason;
            appointment.UrgentSinceUtc = null;
            appointment.UrgentReason = null;
            change.Audit(AuditActions.PatientUrgencyCleared, nameof(Appointment), appointment.Id,
                $"{appointment.Number} ({AppointmentTokens.Format(appointment.TokenNumber)}): no longer urgent (was: {reason})");
            return ChangeResult<AppointmentOutcome>.Done(AppointmentOutcome.Saved(appointment),
                $"{AppointmentTokens.Format(appointment.TokenNumber)} is back in token order.");
        }, cancellationToken);
}
