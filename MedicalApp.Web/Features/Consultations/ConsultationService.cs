using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Numbering;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Consultations;

/// <summary>
/// A doctor's visit with a patient, from "Start consultation" to the finalised prescription, each step a change in the
/// practice's frame. Only the appointment's own doctor writes here (an administrator may start or complete a visit from
/// the queue, and read this page, but never prescribes in another doctor's name). The draft is saved as the doctor
/// types, carrying the consultation's version, so a second tab's older copy is refused as stale instead of overwriting.
/// Finalising numbers the prescription, copies what the catalogue says of each medicine onto its line, and completes
/// the visit, all in one transaction.
/// </summary>
public sealed class ConsultationService(PracticeChanges changes, TimeProvider clock)
{
    public const string OnlyTheDoctor = "Only the appointment's doctor writes this consultation and its prescription.";
    public const string Record = "consultation";

    /// <summary>Writing a visit is serialised by the appointment's row (and the doctor's, when starting), not the practice's.</summary>
    internal static readonly ChangeRule Writing = new(PracticePermission.WritePrescriptions, OnlyTheDoctor) { LockPractice = false };

    /// <summary>Finalising counts medicine usage, which every finalisation of the practice updates: one at a time.</summary>
    internal static readonly ChangeRule Finalising = new(PracticePermission.WritePrescriptions, OnlyTheDoctor);

    /// <summary>
    /// Starts the visit (the appointment moves to "In consultation" and its consultation record opens). When the doctor
    /// is with another patient the start is refused and the value names that patient, unless
    /// <paramref name="pauseOpenConsultation"/> puts that consultation aside.
    /// </summary>
    public Task<ChangeResult<ConsultationStart>> StartAsync(Guid appointmentId, bool pauseOpenConsultation = false, CancellationToken cancellationToken = default) =>
        changes.RunAsync<ConsultationStart>(Writing, async change =>
        {
            var appointment = await AppointmentTransitions.LockAsync(change.Db, appointmentId, cancellationToken);
            if (appointment is null)
            {
                return ChangeResult.NotFound(AppointmentTransitions.NotFoundMessage);
            }

            if (appointment.DoctorProfileId != change.Actor.DoctorProfileId)
            {
                return ChangeResult.Forbidden(OnlyTheDoctor);
            }

            if (appointment.Status == AppointmentStatus.InProgress)
            {
                return await ResumeAsync(change, appointment, pauseOpenConsultation, cancellationToken);
            }

            var busy = await OpenConsultation.OpenOfDoctorAsync(change.Db, appointment.DoctorProfileId, appointment.Id, cancellationToken);
            if (busy.Count > 0 && !pauseOpenConsultation)
            {
                return ChangeResult.Refused(OpenConsultation.BusyMessage(busy[0])).With(new ConsultationStart(appointment.Id, busy[0].PatientName));
            }

            var practiceClock = await PracticeClock.ReadAsync(change.Db, clock, cancellationToken);
            if (await AppointmentTransitions.MoveAsync(change, appointment, AppointmentStatus.InProgress, null, practiceClock, pauseOpenConsultation, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            return ChangeResult<ConsultationStart>.Done(new ConsultationStart(appointment.Id, null), $"{appointment.Number} started.");
        }, cancellationToken);

    /// <summary>
    /// "See now" on a patient's page: a walk-in with the signed-in doctor at <paramref name="locationId"/>, started at
    /// once, so even an unbooked consultation belongs to a visit, with the doctor's next token of the day. One
    /// transaction: no walk-in (and no token) is left behind when the start is refused.
    /// </summary>
    public Task<ChangeResult<ConsultationStart>> SeeNowAsync(Guid patientId, Guid locationId, bool pauseOpenConsultation = false, CancellationToken cancellationToken = default) =>
        changes.RunAsync<ConsultationStart>(Writing, async change =>
        {
            if (change.Actor.DoctorProfileId is not { } doctorId)
            {
                return ChangeResult.Forbidden("Only a doctor of the practice can see a patient.");
            }

            var busy = await OpenConsultation.OpenOfDoctorAsync(change.Db, doctorId, Guid.Empty, cancellationToken);
            if (busy.Count > 0 && !pauseOpenConsultation)
            {
                return ChangeResult.Refused(OpenConsultation.BusyMessage(busy[0])).With(new ConsultationStart(Guid.Empty, busy[0].PatientName));
            }

            var placed = await WalkInQueueService.PlaceInChangeAsync(change, clock, patientId, doctorId, locationId, "Seen now", cancellationToken);
            if (placed.Outcome != ChangeOutcome.Done || placed.Value?.AppointmentId is not { } appointmentId)
            {
                return placed.Result;
            }

            // Not saved yet: the walk-in is in this change's context only.
            var tracked = change.Db.Appointments.Local.First(a => a.Id == appointmentId);
            var practiceClock = await PracticeClock.ReadAsync(change.Db, clock, cancellationToken);
            if (await AppointmentTransitions.MoveAsync(change, tracked, AppointmentStatus.InProgress, null, practiceClock, pauseOpenConsultation, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            // The patient is in the room: they arrived now and take the doctor's next token, like a check-in, so the
            // waiting-room display shows who is being seen and the tokens of the day keep counting arrivals.
            await AppointmentTokens.GiveAsync(change.Db, tracked, practiceClock, cancellationToken);
            return ChangeResult<ConsultationStart>.Done(
                new ConsultationStart(tracked.Id, null), $"{tracked.Number} started: token {AppointmentTokens.Format(tracked.TokenNumber!.Value)}.");
        }, cancellationToken);

    /// <summary>Puts the consultation aside (the doctor sees someone else first); it stays in progress.</summary>
    public Task<ChangeResult> PauseAsync(Guid appointmentId, CancellationToken cancellationToken = default) =>
        changes.RunAsync(Writing, async change =>
        {
            var (appointment, consultation, refusal) = await OwnOpenVisitAsync(change, appointmentId, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            if (consultation!.PausedAtUtc is not null)
            {
                return ChangeResult.Unchanged("This consultation is already put aside.");
            }

            consultation.PausedAtUtc = change.NowUtc;
            change.Audit(AuditActions.ConsultationPaused, nameof(Appointment), appointment!.Id, $"{appointment.Number}: put aside");
            return ChangeResult.Done($"{appointment.Number} is put aside. Resume it from your queue.");
        }, cancellationToken);

    /// <summary>
    /// Saves the draft as the doctor types (notes, vitals and medicines), when it is still the version the page was
    /// filled from. Not audited each time: finalising or completing records the result. Lines not yet given a medicine
    /// stay on the page only.
    /// </summary>
    public Task<ChangeResult<DraftSaved>> SaveDraftAsync(Guid appointmentId, ConsultationInput input, int version, CancellationToken cancellationToken = default) =>
        changes.RunAsync<DraftSaved>(Writing, async change =>
        {
            var (appointment, consultation, refusal) = await OwnEditableVisitAsync(change, appointmentId, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            if (consultation!.Version != version)
            {
                return ChangeResult.Stale(Record);
            }

            var today = (await PracticeClock.ReadAsync(change.Db, clock, cancellationToken)).Today;
            var errors = ConsultationRules.Errors(input, today, finalising: false);
            var draft = await PrescriptionDrafts.WriteAsync(change, appointment!, consultation, input, cancellationToken);
            if (draft.Errors.Count > 0 || errors.Count > 0)
            {
                foreach (var (field, message) in draft.Errors)
                {
                    errors.TryAdd(field, message);
                }

                return ChangeResult.Invalid(errors);
            }

            PrescriptionDrafts.CopyNotes(input, consultation, change.NowUtc);
            change.SavesOwnDraft();
            return ChangeResult<DraftSaved>.Done(new DraftSaved(NextVersion(change, consultation), draft.Warnings, change.NowUtc));
        }, cancellationToken);

    /// <summary>
    /// Finalises the prescription and completes the visit in one transaction: diagnosis required, every warning
    /// confirmed (recorded on its line and in the audit trail), the number <c>RX-YYYYMMDD-NNNN</c> issued, the medicines'
    /// names copied onto the lines, usage counted. For a correction of a finalised prescription the new version keeps
    /// the number and the old one is marked superseded; the visit is already complete then.
    /// </summary>
    public Task<ChangeResult<ConsultationFinished>> FinaliseAsync(Guid appointmentId, ConsultationInput input, int version, CancellationToken cancellationToken = default) =>
        changes.RunAsync<ConsultationFinished>(Finalising, async change =>
        {
            var (appointment, consultation, refusal) = await OwnEditableVisitAsync(change, appointmentId, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            if (consultation!.Version != version)
            {
                return ChangeResult.Stale(Record);
            }

            var practiceClock = await PracticeClock.ReadAsync(change.Db, clock, cancellationToken);
            var errors = ConsultationRules.Errors(input, practiceClock.Today, finalising: true);
            var draft = await PrescriptionDrafts.WriteAsync(change, appointment!, consultation, input, cancellationToken);
            foreach (var (field, message) in draft.Errors)
            {
                errors.TryAdd(field, message);
            }

            if (draft.Prescription.Lines.Count == 0)
            {
                errors.TryAdd(ConsultationFields.Lines, "Add at least one medicine, or complete the visit without a prescription.");
            }

            foreach (var warning in draft.Warnings.Where(w => !input.Lines[w.Index].WarningConfirmed))
            {
                errors.TryAdd(ConsultationFields.Line(warning.Index, "Warning"), warning.Message + " Confirm to prescribe it anyway.");
            }

            if (errors.Count > 0)
            {
                return ChangeResult.Invalid(errors);
            }

            PrescriptionDrafts.CopyNotes(input, consultation, change.NowUtc);
            var prescription = draft.Prescription;
            await PrescriptionDrafts.FinaliseAsync(change, prescription, consultation, practiceClock.Today, cancellationToken);
            if (appointment!.Status == AppointmentStatus.InProgress
                && await AppointmentTransitions.MoveAsync(change, appointment, AppointmentStatus.Completed, null, practiceClock, false, cancellationToken) is { } notCompleted)
            {
                return notCompleted;
            }

            var corrected = prescription.VersionNumber > 1;
            return ChangeResult<ConsultationFinished>.Done(new ConsultationFinished(appointment.Id, prescription.Id, prescription.Number),
                corrected ? $"{prescription.Number} corrected (version {prescription.VersionNumber})." : $"{prescription.Number} finalised; the visit is complete.");
        }, cancellationToken);

    /// <summary>
    /// Completes the visit without a prescription (a follow-up with no medicines): the notes are saved, an empty draft
    /// is dropped; medicines still on the draft must be finalised or removed first.
    /// </summary>
    public Task<ChangeResult<ConsultationFinished>> CompleteWithoutPrescriptionAsync(
        Guid appointmentId, ConsultationInput input, int version, CancellationToken cancellationToken = default) =>
        changes.RunAsync<ConsultationFinished>(Writing, async change =>
        {
            var (appointment, consultation, refusal) = await OwnOpenVisitAsync(change, appointmentId, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            if (consultation!.Version != version)
            {
                return ChangeResult.Stale(Record);
            }

            if (input.Lines.Any(l => !l.IsBlank))
            {
                return ChangeResult.Invalid(ConsultationFields.Lines,
                    "Medicines are written on this visit: finalise the prescription, or remove them to complete without one.");
            }

            var practiceClock = await PracticeClock.ReadAsync(change.Db, clock, cancellationToken);
            if (ChangeResult.InvalidIfAny(ConsultationRules.Errors(input, practiceClock.Today, finalising: false)!) is { } invalid)
            {
                return invalid;
            }

            await PrescriptionDrafts.WriteAsync(change, appointment!, consultation, input, cancellationToken);
            PrescriptionDrafts.CopyNotes(input, consultation, change.NowUtc);
            if (await AppointmentTransitions.MoveAsync(change, appointment!, AppointmentStatus.Completed, null, practiceClock, false, cancellationToken) is { } notCompleted)
            {
                return notCompleted;
            }

            return ChangeResult<ConsultationFinished>.Done(new ConsultationFinished(appointment!.Id, null, null), $"{appointment.Number} completed without a prescription.");
        }, cancellationToken);

    /// <summary>
    /// The version the consultation has once this save is written, which the page sends with its next save. Every save
    /// moves it on, also one that changed only the medicine lines (the consultation row itself unchanged, the clock on
    /// the same tick); a record this save creates (a visit started before consultations were kept) starts at 1, so a
    /// second tab still holding version 0 is refused as stale rather than overwriting it.
    /// </summary>
    private static int NextVersion(PracticeChange change, Consultation consultation)
    {
        var entry = change.Db.Entry(consultation);
        if (entry.State == EntityState.Added)
        {
            consultation.Version = 1;
            return consultation.Version;
        }

        // Marks the row modified, so the context's version bump applies to it.
        entry.Property(c => c.UpdatedAtUtc).IsModified = true;
        return consultation.Version + 1;
    }

    private static async Task<ChangeResult<ConsultationStart>> ResumeAsync(
        PracticeChange change, Appointment appointment, bool pauseOpenConsultation, CancellationToken cancellationToken)
    {
        var consultation = await OpenConsultation.EnsureAsync(change, appointment, cancellationToken);
        if (consultation.PausedAtUtc is null && change.Db.Entry(consultation).State != EntityState.Added)
        {
            return ChangeResult.Unchanged("The consultation is open.").With(new ConsultationStart(appointment.Id, null));
        }

        if (await OpenConsultation.StartAsync(change, appointment, pauseOpenConsultation, cancellationToken) is { } busy)
        {
            var others = await OpenConsultation.OpenOfDoctorAsync(change.Db, appointment.DoctorProfileId, appointment.Id, cancellationToken);
            return busy.With(new ConsultationStart(appointment.Id, others.FirstOrDefault()?.PatientName));
        }

        change.Audit(AuditActions.ConsultationStarted, nameof(Appointment), appointment.Id, $"{appointment.Number}: resumed");
        return ChangeResult<ConsultationStart>.Done(new ConsultationStart(appointment.Id, null), $"{appointment.Number} resumed.");
    }

    /// <summary>The visit, locked, when the actor is its doctor and it is in consultation.</summary>
    private static async Task<(Appointment? Appointment, Consultation? Consultation, ChangeResult? Refusal)> OwnOpenVisitAsync(
        PracticeChange change, Guid appointmentId, CancellationToken cancellationToken)
    {
        var (appointment, consultation, refusal) = await OwnVisitAsync(change, appointmentId, cancellationToken);
        if (refusal is null && appointment!.Status != AppointmentStatus.InProgress)
        {
            return (null, null, ChangeResult.Refused($"This visit is {AppointmentStatusRules.Label(appointment.Status).ToLowerInvariant()}; start it before writing."));
        }

        return (appointment, consultation, refusal);
    }

    /// <summary>
    /// The visit, locked, when the actor is its doctor and its prescription may be written: in consultation, or
    /// completed with a correction being written.
    /// </summary>
    private static async Task<(Appointment? Appointment, Consultation? Consultation, ChangeResult? Refusal)> OwnEditableVisitAsync(
        PracticeChange change, Guid appointmentId, CancellationToken cancellationToken)
    {
        var (appointment, consultation, refusal) = await OwnVisitAsync(change, appointmentId, cancellationToken);
        if (refusal is not null || appointment!.Status == AppointmentStatus.InProgress)
        {
            return (appointment, consultation, refusal);
        }

        var correcting = appointment.Status == AppointmentStatus.Completed
            && await change.Db.Prescriptions.AnyAsync(p => p.AppointmentId == appointmentId && p.Status == PrescriptionStatus.Draft && p.VersionNumber > 1, cancellationToken);
        if (correcting)
        {
            return (appointment, consultation, null);
        }

        // A visit not started yet has nothing to correct: it says what the open-visit check says.
        var status = AppointmentStatusRules.Label(appointment.Status).ToLowerInvariant();
        return (null, null, ChangeResult.Refused(appointment.Status == AppointmentStatus.Completed
            ? $"This visit is {status}; its prescription can only be corrected."
            : $"This visit is {status}; start it before writing."));
    }

    private static async Task<(Appointment? Appointment, Consultation? Consultation, ChangeResult? Refusal)> OwnVisitAsync(
        PracticeChange change, Guid appointmentId, CancellationToken cancellationToken)
    {
        var appointment = await AppointmentTransitions.LockAsync(change.Db, appointmentId, cancellationToken);
        if (appointment is null)
        {
            return (null, null, ChangeResult.NotFound(AppointmentTransitions.NotFoundMessage));
        }

        if (appointment.DoctorProfileId != change.Actor.DoctorProfileId)
        {
            return (null, null, ChangeResult.Forbidden(OnlyTheDoctor));
        }

        var consultation = await OpenConsultation.EnsureAsync(change, appointment, cancellationToken);
        return (appointment, consultation, null);
    }
}
