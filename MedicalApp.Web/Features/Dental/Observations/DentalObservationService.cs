using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Dental.Teeth;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.Observations;

/// <summary>
/// A patient's dental observations: several selected teeth make one row per tooth, saved in one transaction; an edit
/// changes that row (never a second one) when it is still the version the form was filled from; a deletion is audited.
/// Only doctors write (WriteDentalRecords), as themselves; in a consultation only the visit's own doctor, while the
/// visit is in consultation. An observation is changed by the doctor who recorded it, or deleted by an administrator
/// who manages dental records.
/// </summary>
public sealed class DentalObservationService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PracticeChanges changes)
{
    public const string NotFoundMessage = "This observation does not exist (it may have been deleted).";
    public const string PatientNotFound = "There is no such patient in this practice.";
    public const string ConsultationNotFound = "There is no such visit of this patient in this practice.";
    public const string OnlyTheVisitsDoctor = "Only the visit's doctor records observations in it.";
    public const string NotYours = "Only the doctor who recorded this observation can change it.";
    public const string Record = "observation";

    private static readonly ChangeRule WriteDental = new(PracticePermission.WriteDentalRecords, "Only doctors write dental records.");

    /// <summary>The patient's observations, newest first (none for a patient who is not this practice's).</summary>
    public async Task<IReadOnlyList<ObservationRow>> ListAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ViewDentalRecords, cancellationToken: cancellationToken);
        var rows = await db.DentalObservations.AsNoTracking().Where(o => o.PatientId == patientId)
            .OrderByDescending(o => o.RecordedAtUtc).ThenBy(o => o.Tooth)
            .Join(db.DoctorProfiles, o => o.DoctorProfileId, d => d.Id, (o, d) => new { Observation = o, DoctorUserId = d.Membership!.UserId })
            .ToListAsync(cancellationToken);
        var names = await AuditNames.MemberNamesAsync(db, rows.Select(r => (Guid?)r.DoctorUserId), cancellationToken);
        return [.. rows.Select(r => RowOf(r.Observation, names.GetValueOrDefault(r.DoctorUserId) ?? "", actor))];
    }

    /// <summary>Records the finding on every selected tooth, one row each, in one transaction. Returns the new ids by tooth order.</summary>
    public Task<ChangeResult<IReadOnlyList<Guid>>> RecordAsync(ObservationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync<IReadOnlyList<Guid>>(WriteDental, async change =>
        {
            if (await CheckAsync(change, input, editing: false, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            var teeth = input.Teeth.Distinct().Order().ToList();
            var added = teeth.Select(tooth => new DentalObservation
            {
                PatientId = input.PatientId,
                ConsultationId = input.ConsultationId,
                DoctorProfileId = change.Actor.DoctorProfileId!.Value,
                Tooth = tooth,
                RecordedAtUtc = change.NowUtc,
                RecordedByUserId = change.Actor.UserId,
                UpdatedAtUtc = change.NowUtc,
            }).ToList();
            foreach (var observation in added)
            {
                Copy(input, observation);
                change.Db.DentalObservations.Add(observation);
            }

            change.Audit(AuditActions.DentalObservationsRecorded, nameof(Patient), input.PatientId,
                $"{Describe(input.Condition!.Value, input.Surfaces, input.Severity)} on {string.Join(", ", teeth)}.");
            return ChangeResult<IReadOnlyList<Guid>>.Done([.. added.Select(o => o.Id)],
                teeth.Count == 1 ? "Observation saved." : $"{teeth.Count} observations saved, one per tooth.");
        }, cancellationToken);
    }

    /// <summary>Changes the observation itself (tooth, condition, surfaces, severity, notes, treatment required).</summary>
    public Task<ChangeResult> UpdateAsync(Guid id, ObservationInput input, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync(WriteDental, async change =>
        {
            var (observation, notFound) = await FindToChangeAsync(change, id, deleting: false, cancellationToken);
            if (observation is null)
            {
                return notFound!;
            }

            if (observation.Version != version)
            {
                return ChangeResult.Stale(Record);
            }

            // The row keeps its patient and visit: only what was found changes.
            input.PatientId = observation.PatientId;
            input.ConsultationId = null;
            if (await CheckAsync(change, input, editing: true, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            var before = Describe(observation);
            observation.Tooth = input.Teeth[0];
            Copy(input, observation);
            var entry = change.Db.Entry(observation);
            if (!entry.Properties.Any(p => p.IsModified))
            {
                return ChangeResult.Unchanged();
            }

            observation.UpdatedAtUtc = change.NowUtc;
            change.Audit(AuditActions.DentalObservationChanged, nameof(DentalObservation), id, $"Was {before}; now {Describe(observation)}.");
            return ChangeResult.Done("Observation saved.");
        }, cancellationToken);
    }

    /// <summary>Deletes the observation (the page asks first); procedures' links to it go with it.</summary>
    public Task<ChangeResult> DeleteAsync(Guid id, int version, CancellationToken cancellationToken = default) =>
        changes.RunAsync(WriteDental, async change =>
        {
            var (observation, notFound) = await FindToChangeAsync(change, id, deleting: true, cancellationToken);
            if (observation is null)
            {
                return notFound!;
            }

            if (observation.Version != version)
            {
                return ChangeResult.Stale(Record);
            }

            change.Db.DentalObservations.Remove(observation);
            change.Audit(AuditActions.DentalObservationDeleted, nameof(DentalObservation), id,
                $"Deleted {Describe(observation)} recorded {observation.RecordedAtUtc:yyyy-MM-dd} (patient {observation.PatientId}).");
            return ChangeResult.Done("Observation deleted.");
        }, cancellationToken);

    public static bool MayChange(PracticeActor actor, DentalObservation observation, bool deleting = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(observation);
        return (actor.May(PracticePermission.WriteDentalRecords) && actor.DoctorProfileId == observation.DoctorProfileId)
            || (deleting && actor.May(PracticePermission.ManageDentalRecords));
    }

    private static async Task<(DentalObservation? Observation, ChangeResult? Refusal)> FindToChangeAsync(
        PracticeChange change, Guid id, bool deleting, CancellationToken cancellationToken)
    {
        var observation = await change.Db.DentalObservations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (observation is null)
        {
            return (null, ChangeResult.NotFound(NotFoundMessage));
        }

        return MayChange(change.Actor, observation, deleting) ? (observation, null) : (null, ChangeResult.Forbidden(NotYours));
    }

    /// <summary>The form's rules, then what the database knows: a doctor acts, the patient and the visit are this practice's and the visit is theirs.</summary>
    private static async Task<ChangeResult?> CheckAsync(PracticeChange change, ObservationInput input, bool editing, CancellationToken cancellationToken)
    {
        if (change.Actor.DoctorProfileId is null)
        {
            return ChangeResult.Forbidden("Only a doctor of the practice records dental observations.");
        }

        var errors = ObservationRules.Errors(input, editing);
        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        if (!await change.Db.Patients.AnyAsync(p => p.Id == input.PatientId, cancellationToken))
        {
            return ChangeResult.NotFound(PatientNotFound);
        }

        if (input.ConsultationId is { } consultationId)
        {
            var visit = await change.Db.Consultations.AsNoTracking()
                .Where(c => c.Id == consultationId && c.PatientId == input.PatientId)
                .Select(c => new { c.Appointment!.DoctorProfileId, c.Appointment.Status })
                .SingleOrDefaultAsync(cancellationToken);
            if (visit is null)
            {
                return ChangeResult.NotFound(ConsultationNotFound);
            }

            if (visit.DoctorProfileId != change.Actor.DoctorProfileId)
            {
                return ChangeResult.Forbidden(OnlyTheVisitsDoctor);
            }

            if (visit.Status != AppointmentStatus.InProgress)
            {
                return ChangeResult.Refused("This visit is not in consultation; start it before recording observations in it.");
            }
        }

        return null;
    }

    private static void Copy(ObservationInput input, DentalObservation observation)
    {
        observation.Condition = input.Condition!.Value;
        observation.Surfaces = input.Surfaces;
        observation.Severity = input.Severity;
        observation.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        observation.TreatmentRequired = input.TreatmentRequired;
    }

    private static ObservationRow RowOf(DentalObservation o, string doctorName, PracticeActor actor) => new(
        o.Id, o.Tooth, o.Condition, o.Surfaces, o.Severity, o.Notes, o.TreatmentRequired, o.TreatedAtUtc, o.RecordedAtUtc, o.ConsultationId,
        doctorName, MayChange(actor, o), o.Version);

    private static string Describe(DentalObservation o) => $"{Describe(o.Condition, o.Surfaces, o.Severity)} on {o.Tooth}";

    private static string Describe(DentalCondition condition, ToothSurfaces surfaces, DentalSeverity? severity) =>
        string.Join(", ", new[]
        {
            DentalConditions.Label(condition),
            surfaces == ToothSurfaces.None ? "" : "surfaces " + surfaces,
            severity?.ToString().ToLowerInvariant() ?? "",
        }.Where(p => p.Length > 0));
}
