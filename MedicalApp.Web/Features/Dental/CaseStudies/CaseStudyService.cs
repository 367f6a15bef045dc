using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Dental.Attachments;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.CaseStudies;

/// <summary>
/// Case studies (PRODUCT.md §9): composed from the observations, procedures and images a doctor chooses, by the
/// offline composer or the practice's language model, then edited section by section. Every save keeps the previous
/// text as a revision; a section can be written again from the records. Doctors write (WriteDentalRecords); every
/// member who may view dental records reads. Creating, saving and printing are recorded against the patient.
/// </summary>
public sealed class CaseStudyService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PracticeChanges changes,
    CaseStudySettingsService settings,
    TimeProvider clock)
{
    public const string NotFoundMessage = "This case study does not exist here.";

    public const int MaxTitleLength = 200;

    public const int MaxSectionLength = 8000;

    private static readonly ChangeRule Write = new(PracticePermission.WriteDentalRecords, "Only doctors can write case studies.");

    /// <summary>The patient's records to choose from, grouped by tooth (findings, procedures) and by what files are on; null when not found or not allowed.</summary>
    public async Task<CaseStudyBuilderView?> BuilderAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.WriteDentalRecords))
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        string Day(DateTime utc) => CaseStudyMaterial.Date(DateOnly.FromDateTime(practiceClock.ToLocal(utc)));
        var observations = await db.DentalObservations.AsNoTracking().Where(o => o.PatientId == patientId)
            .OrderBy(o => o.Tooth).ThenBy(o => o.RecordedAtUtc).ToListAsync(cancellationToken);
        var procedures = await db.DentalProcedures.AsNoTracking().Include(p => p.Teeth).Where(p => p.PatientId == patientId)
            .OrderBy(p => p.CreatedAtUtc).ToListAsync(cancellationToken);
        var attachments = await db.DentalAttachments.AsNoTracking().Where(a => a.PatientId == patientId)
            .OrderBy(a => a.UploadedAtUtc).ToListAsync(cancellationToken);
        var owners = await AttachmentService.OwnerLabelsAsync(db, practiceClock, attachments, cancellationToken);
        var choices = new List<CaseStudyChoice>();
        choices.AddRange(observations.Select(o => new CaseStudyChoice(o.Id, CaseStudySourceKind.Observation, $"Tooth {o.Tooth}",
            $"{CaseStudyMaterial.Words(o.Condition)}{(CaseStudyMaterial.SurfaceLetters(o.Surfaces) is { Length: > 0 } s ? $" ({s})" : "")}"
            + $"{(o.Severity is { } severity ? $", {severity.ToString().ToLowerInvariant()}" : "")} · recorded {Day(o.RecordedAtUtc)}")));
        choices.AddRange(procedures.Select(p => new CaseStudyChoice(p.Id, CaseStudySourceKind.Procedure,
            p.Teeth.Count == 0 ? "Whole mouth" : $"Tooth {p.Teeth.Min(t => t.Tooth)}",
            $"{p.Name} ({p.Code}) · {CaseStudyMaterial.Words(p.Status.ToString()).ToLowerInvariant()}")));
        choices.AddRange(attachments.Select(a => new CaseStudyChoice(a.Id, CaseStudySourceKind.Attachment, owners.GetValueOrDefault(a.Id, "Files"),
            $"{AttachmentFile.KindLabel(a.Kind)} · {a.Caption ?? a.FileName}")));
        return new CaseStudyBuilderView(patientId, patient, choices, await settings.ReadEnabledAsync(db, cancellationToken) is not null);
    }

    /// <summary>
    /// Composes a new case study from the chosen records and saves it as a draft. The composing happens before the
    /// change (a language model may take a while; the practice lock is not held meanwhile).
    /// </summary>
    public async Task<ChangeResult<Guid>> CreateAsync(Guid patientId, CaseStudyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > MaxTitleLength)
        {
            return ChangeResult.Invalid(nameof(CaseStudyRequest.Title), $"Give the case study a title of at most {MaxTitleLength} characters.");
        }

        if (request.ObservationIds.Count + request.ProcedureIds.Count + request.AttachmentIds.Count == 0)
        {
            return ChangeResult.Invalid("Sources", "Choose at least one finding, procedure or image to compose the case study from.");
        }

        var (sections, generatedBy, refusal) = await ComposeAsync(patientId, request.ObservationIds, request.ProcedureIds, request.AttachmentIds,
            request.UseLanguageModel, key: null, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await changes.RunAsync<Guid>(Write, async change =>
        {
            if (change.Actor.DoctorProfileId is not { } doctorId)
            {
                return ChangeResult.Forbidden("Only doctors can write case studies.");
            }

            if (!await change.Db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
            {
                return ChangeResult.NotFound("This patient does not exist here.");
            }

            var study = new CaseStudy
            {
                PatientId = patientId, DoctorProfileId = doctorId, Title = title, Status = CaseStudyStatus.Draft, GeneratedBy = generatedBy!,
                CreatedAtUtc = change.NowUtc, CreatedByUserId = change.Actor.UserId, UpdatedAtUtc = change.NowUtc,
            };
            Clip(sections!).CopyTo(study);
            // Only this patient's records become sources (ids of anyone else's were not read for the text either).
            var db = change.Db;
            foreach (var id in await db.DentalObservations.Where(o => o.PatientId == patientId && request.ObservationIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken))
            {
                study.Sources.Add(new CaseStudySource { Kind = CaseStudySourceKind.Observation, SourceId = id });
            }

            foreach (var id in await db.DentalProcedures.Where(p => p.PatientId == patientId && request.ProcedureIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken))
            {
                study.Sources.Add(new CaseStudySource { Kind = CaseStudySourceKind.Procedure, SourceId = id });
            }

            foreach (var id in await db.DentalAttachments.Where(a => a.PatientId == patientId && request.AttachmentIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken))
            {
                study.Sources.Add(new CaseStudySource { Kind = CaseStudySourceKind.Attachment, SourceId = id });
            }

            db.CaseStudies.Add(study);
            change.Audit(AuditActions.CaseStudyCreated, nameof(Patient), patientId,
                $"Created the case study “{title}” from {study.Sources.Count} record{(study.Sources.Count == 1 ? "" : "s")} ({generatedBy}).");
            return ChangeResult<Guid>.Done(study.Id, "Case study composed: read it through and edit it.");
        }, cancellationToken);
    }

    /// <summary>The patient's case studies, newest first; null when there is no such patient here or the reader may not view dental records.</summary>
    public async Task<PatientCaseStudies?> ListAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ViewDentalRecords))
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var rows = await db.CaseStudies.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.UpdatedAtUtc)
            .Select(c => new { c.Id, c.Title, c.Status, Doctor = db.DoctorProfiles.Where(d => d.Id == c.DoctorProfileId).Select(d => d.Membership!.User!.FullName).First(), c.GeneratedBy, c.UpdatedAtUtc })
            .ToListAsync(cancellationToken);
        return new PatientCaseStudies(patientId, patient,
            [.. rows.Select(r => new CaseStudyRow(r.Id, r.Title, r.Status, r.Doctor, r.GeneratedBy, practiceClock.ToLocal(r.UpdatedAtUtc)))],
            actor.May(PracticePermission.WriteDentalRecords));
    }

    /// <summary>The case study in its editor, with its revisions; null when there is none here or the reader may not view dental records.</summary>
    public async Task<CaseStudyView?> OpenAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ViewDentalRecords))
        {
            return null;
        }

        var study = await db.CaseStudies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (study is null)
        {
            return null;
        }

        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == study.PatientId).Select(p => p.FirstName + " " + p.LastName).FirstAsync(cancellationToken);
        var doctor = await db.DoctorProfiles.AsNoTracking().Where(d => d.Id == study.DoctorProfileId).Select(d => d.Membership!.User!.FullName).FirstAsync(cancellationToken);
        var revisions = await db.CaseStudyRevisions.AsNoTracking().Where(r => r.CaseStudyId == id).OrderByDescending(r => r.RevisionNumber).ToListAsync(cancellationToken);
        var names = await AuditNames.MemberNamesAsync(db, revisions.Select(r => r.SavedByUserId), cancellationToken);
        return new CaseStudyView(study.Id, study.PatientId, patient, doctor, study.GeneratedBy, practiceClock.ToLocal(study.CreatedAtUtc),
            practiceClock.ToLocal(study.UpdatedAtUtc), CaseStudyInput.From(study),
            [.. revisions.Select(r => new CaseStudyRevisionRow(r.RevisionNumber, practiceClock.ToLocal(r.SavedAtUtc),
                r.SavedByUserId is { } by ? names.GetValueOrDefault(by) : null, r.Reason))],
            actor.May(PracticePermission.WriteDentalRecords), await settings.ReadEnabledAsync(db, cancellationToken) is not null);
    }

    /// <summary>The sections of revision <paramref name="number"/> (the text before that save), or null.</summary>
    public async Task<CaseStudySections?> RevisionAsync(Guid id, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ViewDentalRecords))
        {
            return null;
        }

        var json = await db.CaseStudyRevisions.AsNoTracking().Where(r => r.CaseStudyId == id && r.RevisionNumber == number).Select(r => r.SectionsJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : CaseStudySections.FromJson(json);
    }

    /// <summary>Saves the editor's text and status; the text it replaces is kept as the next revision.</summary>
    public Task<ChangeResult> SaveAsync(Guid id, CaseStudyInput input, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync(Write, async change =>
        {
            var study = await change.Db.CaseStudies.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (study is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            if (StaleEdit.IsStale(input.Version, study))
            {
                return ChangeResult.Stale("case study");
            }

            if (Check(input) is { } invalid)
            {
                return invalid;
            }

            var before = CaseStudySections.Of(study);
            var after = Tidy(input.Sections);
            var title = input.Title!.Trim();
            if (before == after && study.Title == title && study.Status == input.Status)
            {
                return ChangeResult.Unchanged();
            }

            var last = await change.Db.CaseStudyRevisions.Where(r => r.CaseStudyId == id).MaxAsync(r => (int?)r.RevisionNumber, cancellationToken) ?? 0;
            change.Db.CaseStudyRevisions.Add(new CaseStudyRevision
            {
                CaseStudyId = id, RevisionNumber = last + 1, SectionsJson = before.ToJson(), Reason = reason?.Trim() is { Length: > 0 } r ? r[..Math.Min(r.Length, 200)] : null,
                SavedAtUtc = change.NowUtc, SavedByUserId = change.Actor.UserId,
            });
            var statusChange = study.Status != input.Status ? $", now {input.Status.ToString().ToLowerInvariant()}" : "";
            after.CopyTo(study);
            (study.Title, study.Status, study.UpdatedAtUtc) = (title, input.Status, change.NowUtc);
            change.Db.Entry(study).State = EntityState.Modified;
            change.Audit(AuditActions.CaseStudySaved, nameof(Patient), study.PatientId, $"Saved the case study “{title}” (revision {last + 1} kept{statusChange}).");
            return ChangeResult.Done("Case study saved.");
        }, cancellationToken);
    }

    /// <summary>
    /// One section written again from the case study's records (not saved: the editor shows it, and saving keeps a
    /// revision as any save does). The text, or the refusal.
    /// </summary>
    public async Task<ChangeResult<string>> RegenerateSectionAsync(Guid id, string key, bool useLanguageModel, CancellationToken cancellationToken = default)
    {
        if (CaseStudySections.Headings.All(h => h.Key != key))
        {
            return ChangeResult.Invalid("Section", "Choose one of the case study's sections.");
        }

        List<CaseStudySource> sources;
        Guid patientId;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.WriteDentalRecords))
            {
                return ChangeResult.Forbidden("Only doctors can write case studies.");
            }

            var study = await db.CaseStudies.AsNoTracking().Include(c => c.Sources).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (study is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            (sources, patientId) = (study.Sources, study.PatientId);
        }

        IReadOnlyCollection<Guid> Of(CaseStudySourceKind kind) => [.. sources.Where(s => s.Kind == kind).Select(s => s.SourceId)];
        var (sections, _, refusal) = await ComposeAsync(patientId, Of(CaseStudySourceKind.Observation), Of(CaseStudySourceKind.Procedure),
            Of(CaseStudySourceKind.Attachment), useLanguageModel, key, cancellationToken);
        return refusal ?? ChangeResult<string>.Done(Clip(sections![key]) ?? "", "Section written again: save to keep it.");
    }

    private async Task<(CaseStudySections? Sections, string? GeneratedBy, ChangeResult? Refusal)> ComposeAsync(
        Guid patientId, IReadOnlyCollection<Guid> observationIds, IReadOnlyCollection<Guid> procedureIds, IReadOnlyCollection<Guid> attachmentIds,
        bool useLanguageModel, string? key, CancellationToken cancellationToken)
    {
        CaseStudyMaterial? material;
        CaseStudyGenerator? generator;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.WriteDentalRecords))
            {
                return (null, null, ChangeResult.Forbidden("Only doctors can write case studies."));
            }

            material = await CaseStudyMaterial.ReadAsync(db, patientId, observationIds, procedureIds, attachmentIds,
                await PracticeClock.ReadAsync(db, clock, cancellationToken), cancellationToken);
            generator = useLanguageModel ? await settings.ReadEnabledAsync(db, cancellationToken) : null;
        }

        if (material is null)
        {
            return (null, null, ChangeResult.NotFound("This patient does not exist here."));
        }

        if (!useLanguageModel)
        {
            return (OfflineCaseStudyComposer.Compose(material), OfflineCaseStudyComposer.Name, null);
        }

        if (generator is null)
        {
            return (null, null, ChangeResult.Refused("The practice has no language model switched on for case studies. Use the offline composer."));
        }

        var composer = LanguageModelCaseStudyComposer.For(generator.EndpointUrl, generator.Model, generator.ApiKey, generator.ShareIdentity);
        try
        {
            var sections = key is null
                ? await composer.ComposeAsync(material, cancellationToken)
                : new CaseStudySections(null, null, null, null, null, null, null, null).With(key, await composer.ComposeSectionAsync(material, key, cancellationToken));
            return (sections, composer.Name.Length > 120 ? composer.Name[..120] : composer.Name, null);
        }
        catch (CaseStudyGenerationException failure)
        {
            return (null, null, ChangeResult.Refused(failure.Message + " Try again, or use the offline composer."));
        }
    }

    private static ChangeResult? Check(CaseStudyInput input)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > MaxTitleLength)
        {
            errors[nameof(CaseStudyInput.Title)] = $"Give the case study a title of at most {MaxTitleLength} characters.";
        }

        foreach (var (key, heading) in CaseStudySections.Headings)
        {
            if (input.Get(key)?.Trim().Length > MaxSectionLength)
            {
                errors[key] = $"{heading} can be at most {MaxSectionLength:N0} characters.";
            }
        }

        return errors.Count > 0 ? ChangeResult.Invalid(errors) : null;
    }

    private static string? Clip(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is { Length: > MaxSectionLength } long_ ? long_[..MaxSectionLength] : text.Trim();

    private static CaseStudySections Clip(CaseStudySections sections) =>
        CaseStudySections.Headings.Aggregate(sections, (s, h) => s.With(h.Key, Clip(s[h.Key])));

    private static CaseStudySections Tidy(CaseStudySections sections) =>
        CaseStudySections.Headings.Aggregate(sections, (s, h) => s.With(h.Key, string.IsNullOrWhiteSpace(s[h.Key]) ? null : s[h.Key]!.Trim()));
}
