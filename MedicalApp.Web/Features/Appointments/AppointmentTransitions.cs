using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// One step of the status machine, inside a change that has already begun: the appointment service's status buttons
/// and the consultation's finalise both call it, so a prescription and the visit it completes are saved in one
/// transaction. Starting opens the visit's consultation record; a doctor sees one patient at a time, so starting
/// while another consultation of the same doctor is open is refused unless the caller pauses that one.
/// </summary>
internal static class AppointmentTransitions
{
    public const string NotAllowedToTreat = "Only the appointment's doctor or an administrator can start or complete a consultation.";
    public const string NotFoundMessage = "This appointment does not exist in this practice.";

    /// <summary>Locks and loads the appointment for a status change (see <see cref="AppointmentWrites.LockAppointmentAsync"/>).</summary>
    public static async Task<Appointment?> LockAsync(MedicalDbContext db, Guid appointmentId, CancellationToken cancellationToken)
    {
        await AppointmentWrites.LockAppointmentAsync(db, appointmentId, cancellationToken);
        return await db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
    }

    /// <summary>
    /// Moves <paramref name="appointment"/> (locked and tracked) to <paramref name="to"/> and writes the audit row.
    /// Returns null when it moved, else the refusal (nothing changed).
    /// </summary>
    /// <param name="pauseOpenConsultation">When starting: put the doctor's open consultation aside instead of refusing.</param>
    public static async Task<ChangeResult?> MoveAsync(
        PracticeChange change, Appointment appointment, AppointmentStatus to, string? reason, PracticeClock clock,
        bool pauseOpenConsultation, CancellationToken cancellationToken)
    {
        var db = change.Db;
        if (to == AppointmentStatus.Scheduled)
        {
            return ChangeResult.Refused("An appointment becomes scheduled when it is booked or rescheduled.");
        }

        // The visit's own doctor (the actor's profile, read from the database in this change) needs no further lookup.
        var ownVisit = change.Actor.DoctorProfileId == appointment.DoctorProfileId && change.Actor.May(PracticePermission.TreatOwnPatients);
        if (to is AppointmentStatus.InProgress or AppointmentStatus.Completed && !ownVisit)
        {
            var doctorUserId = await db.DoctorProfiles.Where(d => d.Id == appointment.DoctorProfileId)
                .Select(d => d.Membership!.UserId).FirstAsync(cancellationToken);
            if (!change.Actor.MayTreatFor(doctorUserId))
            {
                return ChangeResult.Forbidden(NotAllowedToTreat);
            }
        }

        var from = appointment.Status;
        if (!AppointmentStatusRules.CanMove(from, to))
        {
            return ChangeResult.Refused(AppointmentStatusRules.Refusal(from, to));
        }

        var localStart = clock.ToLocal(appointment.StartsAtUtc);
        if (to == AppointmentStatus.InProgress && DateOnly.FromDateTime(localStart) != clock.Today)
        {
            return ChangeResult.Refused($"Only today's appointments can be started; this one is on {SlotRules.FormatDay(DateOnly.FromDateTime(localStart))}.");
        }

        if (to == AppointmentStatus.Arrived && DateOnly.FromDateTime(localStart) != clock.Today)
        {
            return ChangeResult.Refused($"Only today's appointments can be checked in; this one is on {SlotRules.FormatDay(DateOnly.FromDateTime(localStart))}.");
        }

        if (to == AppointmentStatus.NoShow && appointment.StartsAtUtc > clock.NowUtc)
        {
            return ChangeResult.Refused("A patient can be marked as a no-show only once the appointment time has come.");
        }

        if (to == AppointmentStatus.InProgress && await OpenConsultation.StartAsync(change, appointment, pauseOpenConsultation, cancellationToken) is { } busy)
        {
            return busy;
        }

        if (to == AppointmentStatus.Completed && await OpenConsultation.CloseAsync(change, appointment, cancellationToken) is { } unfinished)
        {
            return unfinished;
        }

        appointment.Status = to;
        appointment.StatusChangedAtUtc = clock.NowUtc;
        if (to == AppointmentStatus.Cancelled)
        {
            appointment.CancellationReason = AppointmentRules.Clean(reason);
        }

        if (to == AppointmentStatus.Arrived)
        {
            // The token counts the doctor's arrivals on the visit's own day (today, checked above).
            await AppointmentTokens.GiveAsync(db, appointment, clock, cancellationToken);
        }

        change.Audit(AuditActionFor(to), nameof(Appointment), appointment.Id,
            $"{appointment.Number}: {AppointmentStatusRules.Label(from)} → {AppointmentStatusRules.Label(to)}"
            + (to == AppointmentStatus.Cancelled ? $" ({appointment.CancellationReason})" : "")
            + (to == AppointmentStatus.Arrived ? $", token {AppointmentTokens.Format(appointment.TokenNumber!.Value)}" : ""));
        return null;
    }

    private static string AuditActionFor(AppointmentStatus to) => to switch
    {
        AppointmentStatus.Confirmed => AuditActions.AppointmentConfirmed,
        AppointmentStatus.Arrived => AuditActions.PatientCheckedIn,
        AppointmentStatus.InProgress => AuditActions.ConsultationStarted,
        AppointmentStatus.Completed => AuditActions.ConsultationCompleted,
        AppointmentStatus.Cancelled => AuditActions.AppointmentCancelled,
        AppointmentStatus.NoShow => AuditActions.AppointmentNoShow,
        _ => throw new ArgumentOutOfRangeException(nameof(to)),
    };
}

/// <summary>The consultation record a visit opens when it starts and closes when it completes.</summary>
internal static class OpenConsultation
{
    /// <summary>
    /// Opens the visit's consultation. A doctor has one open (not paused) consultation at a time: another one is
    /// refused with its patient's name, or paused when <paramref name="pauseOther"/>. The doctor's row is locked first
    /// so two starts at once for one doctor are decided one after the other.
    /// </summary>
    public static async Task<ChangeResult?> StartAsync(PracticeChange change, Appointment appointment, bool pauseOther, CancellationToken cancellationToken)
    {
        var db = change.Db;
        await AppointmentWrites.LockRowAsync(db, AppointmentWrites.LockableRow.DoctorProfile, appointment.DoctorProfileId, cancellationToken);
        var others = await OpenOfDoctorAsync(db, appointment.DoctorProfileId, appointment.Id, cancellationToken);
        if (others.Count > 0 && !pauseOther)
        {
            return ChangeResult.Refused(BusyMessage(others[0]));
        }

        foreach (var other in others)
        {
            var paused = await EnsureAsync(change, other.AppointmentId, cancellationToken);
            paused.PausedAtUtc = change.NowUtc;
            change.Audit(AuditActions.ConsultationPaused, nameof(Appointment), other.AppointmentId, $"{other.Number}: put aside to see another patient");
        }

        var consultation = await EnsureAsync(change, appointment, cancellationToken);
        consultation.PausedAtUtc = null;
        return null;
    }

    public static string BusyMessage(OpenVisit other) =>
        $"{other.DoctorName} is already in consultation with {other.PatientName} ({other.Number}). Finish or pause that consultation first.";

    /// <summary>
    /// Closes the visit's consultation when it completes. An empty draft prescription is dropped; a draft with medicines
    /// must be finalised or discarded first, so no written prescription is lost silently.
    /// </summary>
    public static async Task<ChangeResult?> CloseAsync(PracticeChange change, Appointment appointment, CancellationToken cancellationToken)
    {
        var db = change.Db;
        // The status is checked again on the tracked rows: when finalising completes the visit, the draft it has just
        // finalised is still a draft in the database (not saved yet) but no longer in this change.
        var drafts = (await db.Prescriptions.Include(p => p.Lines)
                .Where(p => p.AppointmentId == appointment.Id && p.Status == PrescriptionStatus.Draft).ToListAsync(cancellationToken))
            .Where(p => p.Status == PrescriptionStatus.Draft).ToList();
        if (drafts.Any(d => d.Lines.Count > 0))
        {
            return ChangeResult.Refused("A prescription is being written for this visit. Finalise it, or remove its medicines, before completing the visit.");
        }

        db.Prescriptions.RemoveRange(drafts);
        var consultation = await EnsureAsync(change, appointment, cancellationToken);
        consultation.CompletedAtUtc = change.NowUtc;
        consultation.PausedAtUtc = null;
        consultation.UpdatedAtUtc = change.NowUtc;
        return null;
    }

    /// <summary>The visit's consultation, created when an older in-progress visit has none yet.</summary>
    public static Task<Consultation> EnsureAsync(PracticeChange change, Appointment appointment, CancellationToken cancellationToken) =>
        EnsureAsync(change, appointment.Id, cancellationToken, appointment);

    private static async Task<Consultation> EnsureAsync(
        PracticeChange change, Guid appointmentId, CancellationToken cancellationToken, Appointment? loaded = null)
    {
        var db = change.Db;
        // Already in this change (finalising reads it before completing the visit): no second query.
        var consultation = db.Consultations.Local.FirstOrDefault(c => c.AppointmentId == appointmentId)
            ?? await db.Consultations.FirstOrDefaultAsync(c => c.AppointmentId == appointmentId, cancellationToken);
        if (consultation is not null)
        {
            return consultation;
        }

        var appointment = loaded ?? await db.Appointments.FirstAsync(a => a.Id == appointmentId, cancellationToken);
        consultation = new Consultation
        {
            AppointmentId = appointment.Id,
            PatientId = appointment.PatientId,
            DoctorProfileId = appointment.DoctorProfileId,
            StartedAtUtc = change.NowUtc,
            UpdatedAtUtc = change.NowUtc,
            ChiefComplaint = appointment.Reason,
        };
        db.Consultations.Add(consultation);
        return consultation;
    }

    /// <summary>A visit of the doctor that is in consultation and not put aside.</summary>
    public sealed record OpenVisit(Guid AppointmentId, string Number, string PatientName, string DoctorName);

    /// <summary>The doctor's open consultations other than <paramref name="exceptAppointmentId"/>'s.</summary>
    public static async Task<List<OpenVisit>> OpenOfDoctorAsync(MedicalDbContext db, Guid doctorProfileId, Guid exceptAppointmentId, CancellationToken cancellationToken)
    {
        var inProgress = await db.Appointments.AsNoTracking()
            .Where(a => a.DoctorProfileId == doctorProfileId && a.Status == AppointmentStatus.InProgress && a.Id != exceptAppointmentId)
            .Where(a => !db.Consultations.Any(c => c.AppointmentId == a.Id && c.PausedAtUtc != null))
            .Select(a => new OpenVisit(a.Id, a.Number, a.Patient!.FirstName + " " + a.Patient.LastName, a.Doctor!.Membership!.User!.FullName))
            .ToListAsync(cancellationToken);
        return inProgress;
    }
}
