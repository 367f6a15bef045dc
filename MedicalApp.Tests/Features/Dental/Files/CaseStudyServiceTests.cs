using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Dental.Attachments;
using MedicalApp.Web.Features.Dental.CaseStudies;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Dental.Files;

/// <summary>
/// Case studies through their service, on both databases: composed offline from the chosen records (all eight
/// sections, no network); composed by a language model on a local fake endpoint, which is sent no name, mobile or date
/// of birth unless the practice shares identity; the key kept encrypted; every save keeps a revision; one section
/// written again; audited against the patient; another practice neither reads nor writes them.
/// </summary>
public abstract class CaseStudyServiceTests(DatabaseFixture fixture)
{
    private static CaseStudyService CaseStudies(DentalFilesArrange arrange, TestMember member) => arrange.Practice.Practice.As(member).Get<CaseStudyService>();

    private static CaseStudySettingsService Settings(DentalFilesArrange arrange) => arrange.Practice.Practice.As(arrange.Owner).Get<CaseStudySettingsService>();

    private static CaseStudyRequest Everything(DentalFilesArrange arrange, Guid? attachmentId = null, bool model = false)
    {
        var request = new CaseStudyRequest { Title = "Deep caries 36 restored", UseLanguageModel = model };
        request.ObservationIds.Add(arrange.ObservationId);
        request.ProcedureIds.Add(arrange.ProcedureId);
        if (attachmentId is { } id)
        {
            request.AttachmentIds.Add(id);
        }

        return request;
    }

    [Fact]
    public async Task The_offline_composer_writes_all_eight_sections_from_the_chosen_records()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var xray = await ChangeAssert.DoneAsync(arrange.AttachmentsAs(arrange.Doctor.Member).UploadAsync(arrange.OnProcedure,
            new AttachmentUploadInput { Kind = DentalAttachmentKind.XRay, Caption = "Post-op bitewing" }, new MemoryStream(AttachmentSamples.Png(64, 48)), "bw.png"));

        var id = await ChangeAssert.DoneAsync(CaseStudies(arrange, arrange.Doctor.Member).CreateAsync(arrange.PatientId, Everything(arrange, xray)));

        var view = (await CaseStudies(arrange, arrange.Doctor.Member).OpenAsync(id))!;
        Assert.Equal((OfflineCaseStudyComposer.Name, CaseStudyStatus.Draft, "Deep caries 36 restored"), (view.GeneratedBy, view.Input.Status, view.Input.Title));
        Assert.All(CaseStudySections.Headings, h => Assert.False(string.IsNullOrWhiteSpace(view.Input.Get(h.Key)), h.Heading));
        Assert.StartsWith("A 46-year-old male patient presented with “Pain on chewing, lower left”; 1 finding on tooth 36.", view.Input.Sections.Summary, StringComparison.Ordinal);
        Assert.Contains("Tooth 36 (MOD): caries, moderate — Sensitive to cold", view.Input.Sections.InitialDiagnosis, StringComparison.Ordinal);
        Assert.Contains("Remove the decay and restore tooth 36.", view.Input.Sections.TreatmentGoals, StringComparison.Ordinal);
        Assert.StartsWith("Resin composite, three surfaces, posterior (D2393) on tooth 36: completed ", view.Input.Sections.ProceduresPerformed, StringComparison.Ordinal);
        Assert.Contains("All 1 selected finding was treated.", view.Input.Sections.Outcome, StringComparison.Ordinal);
        Assert.Contains("X-ray “Post-op bitewing”", view.Input.Sections.Outcome, StringComparison.Ordinal);
        Assert.Contains("Restorations intact", view.Input.Sections.SuccessMeasures, StringComparison.Ordinal);
        // Offline text describes, never names, the patient.
        Assert.DoesNotContain("Meena", string.Concat(CaseStudySections.Headings.Select(h => view.Input.Get(h.Key))), StringComparison.Ordinal);
        var sources = await arrange.Practice.Practice.WithContextAsync(db => db.CaseStudySources.AsNoTracking().Where(s => s.CaseStudyId == id).ToListAsync());
        Assert.Equal([CaseStudySourceKind.Observation, CaseStudySourceKind.Procedure, CaseStudySourceKind.Attachment], sources.Select(s => s.Kind).Order());
        var audit = Assert.Single(await arrange.Practice.AuditEventsAsync(), e => e.Action == AuditActions.CaseStudyCreated);
        Assert.Equal((nameof(Patient), arrange.PatientId.ToString()), (audit.EntityType, audit.EntityId));
    }

    [Fact]
    public async Task The_language_model_gets_no_name_mobile_or_date_of_birth_unless_identity_sharing_is_on()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        await using var model = new FakeChatCompletions(FakeChatCompletions.AllSections);
        var patient = await arrange.Practice.Practice.WithContextAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == arrange.PatientId));
        await ChangeAssert.DoneAsync(Settings(arrange).SaveAsync(new CaseStudySettingsInput
        {
            Enabled = true, EndpointUrl = model.EndpointUrl, Model = "test-model", ApiKey = "sk-test-123",
        }));
        var stored = await arrange.Practice.Practice.WithContextAsync(db => db.CaseStudyGeneratorSettings.AsNoTracking().SingleAsync());
        Assert.False(stored.ShareIdentity);
        Assert.DoesNotContain("sk-test-123", stored.ProtectedApiKey, StringComparison.Ordinal);

        var id = await ChangeAssert.DoneAsync(CaseStudies(arrange, arrange.Doctor.Member).CreateAsync(arrange.PatientId, Everything(arrange, model: true)));

        var (path, authorization, body) = Assert.Single(model.Requests);
        Assert.Equal(("/v1/chat/completions", "Bearer sk-test-123"), (path, authorization));
        Assert.Contains("\"model\":\"test-model\"", body, StringComparison.Ordinal);
        Assert.Contains("D2393", body, StringComparison.Ordinal);
        Assert.Contains("Sensitive to cold", body, StringComparison.Ordinal);
        foreach (var identity in new[] { patient.FirstName, patient.LastName, patient.Mobile, "1980-05-17", "dateOfBirth" })
        {
            Assert.DoesNotContain(identity, body, StringComparison.Ordinal);
        }

        var view = (await CaseStudies(arrange, arrange.Doctor.Member).OpenAsync(id))!;
        Assert.Equal(("test-model", "Summary from the model", "Narrative from the model"), (view.GeneratedBy, view.Input.Sections.Summary, view.Input.Sections.Narrative));

        var settings = await Settings(arrange).GetAsync();
        settings.ShareIdentity = true;
        await ChangeAssert.DoneAsync(Settings(arrange).SaveAsync(settings));
        await ChangeAssert.DoneAsync(CaseStudies(arrange, arrange.Doctor.Member).CreateAsync(arrange.PatientId, Everything(arrange, model: true)));

        var shared = model.Requests.Last().Body;
        foreach (var identity in new[] { $"{patient.FirstName} {patient.LastName}", patient.Mobile, "1980-05-17" })
        {
            Assert.Contains(identity, shared, StringComparison.Ordinal);
        }

        // The key is kept when the form leaves it empty.
        Assert.Equal("Bearer sk-test-123", model.Requests.Last().Authorization);
    }

    [Fact]
    public async Task A_model_that_cannot_be_reached_or_is_switched_off_is_refused_and_nothing_is_saved()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var service = CaseStudies(arrange, arrange.Doctor.Member);

        var off = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, service.CreateAsync(arrange.PatientId, Everything(arrange, model: true)));
        Assert.Contains("no language model switched on", off.Message, StringComparison.Ordinal);

        await ChangeAssert.DoneAsync(Settings(arrange).SaveAsync(new CaseStudySettingsInput { Enabled = true, EndpointUrl = "http://127.0.0.1:9/v1", Model = "m" }));
        var unreachable = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, service.CreateAsync(arrange.PatientId, Everything(arrange, model: true)));
        Assert.StartsWith("The language model could not be reached or refused the request", unreachable.Message, StringComparison.Ordinal);
        Assert.Empty(await arrange.Practice.Practice.WithContextAsync(db => db.CaseStudies.AsNoTracking().ToListAsync()));

        var invalid = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Settings(arrange).SaveAsync(new CaseStudySettingsInput { Enabled = true, EndpointUrl = "ftp://x", Model = "" }));
        Assert.Equal(2, invalid.FieldErrors.Count);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, arrange.Practice.Practice.As(arrange.Doctor.Member).Get<CaseStudySettingsService>()
            .SaveAsync(new CaseStudySettingsInput { Enabled = false }));
    }

    [Fact]
    public async Task Every_save_keeps_the_previous_text_as_a_revision_and_a_stale_form_is_refused()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var service = CaseStudies(arrange, arrange.Doctor.Member);
        var id = await ChangeAssert.DoneAsync(service.CreateAsync(arrange.PatientId, Everything(arrange)));
        var first = (await service.OpenAsync(id))!.Input;
        var original = first.Sections;

        first.Sections = first.Sections with { Summary = "Edited summary." };
        await ChangeAssert.DoneAsync(service.SaveAsync(id, first));
        var second = (await service.OpenAsync(id))!;
        Assert.Equal("Edited summary.", second.Input.Sections.Summary);
        second.Input.Status = CaseStudyStatus.Final;
        second.Input.Set(nameof(CaseStudy.Outcome), "Healed well at review.");
        await ChangeAssert.DoneAsync(service.SaveAsync(id, second.Input, "After review"));

        var third = (await service.OpenAsync(id))!;
        Assert.Equal([2, 1], third.Revisions.Select(r => r.Number));
        Assert.Equal("After review", third.Revisions[0].Reason);
        Assert.Equal(original, await service.RevisionAsync(id, 1));
        Assert.Equal("Edited summary.", (await service.RevisionAsync(id, 2))!.Summary);
        Assert.Equal(CaseStudyStatus.Final, third.Input.Status);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, service.SaveAsync(id, first));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, service.SaveAsync(id, third.Input));
        Assert.Equal(2, (await service.OpenAsync(id))!.Revisions.Count);
        Assert.Equal(2, (await arrange.Practice.AuditEventsAsync()).Count(e => e.Action == AuditActions.CaseStudySaved && e.EntityId == arrange.PatientId.ToString()));

        var regenerated = await ChangeAssert.DoneAsync(service.RegenerateSectionAsync(id, nameof(CaseStudy.Summary), useLanguageModel: false));
        Assert.Equal(original.Summary, regenerated);
        Assert.Equal("Edited summary.", (await service.OpenAsync(id))!.Input.Sections.Summary); // not saved until the doctor saves
    }

    [Fact]
    public async Task Only_doctors_write_and_another_practice_neither_reads_nor_writes_a_case_study()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        var other = await DentalFilesArrange.CreateAsync(fixture);
        var id = await ChangeAssert.DoneAsync(CaseStudies(arrange, arrange.Doctor.Member).CreateAsync(arrange.PatientId, Everything(arrange)));
        var input = (await CaseStudies(arrange, arrange.Doctor.Member).OpenAsync(id))!.Input;

        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, CaseStudies(arrange, arrange.Nurse).CreateAsync(arrange.PatientId, Everything(arrange)));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, CaseStudies(arrange, arrange.Nurse).SaveAsync(id, input));
        Assert.NotNull(await CaseStudies(arrange, arrange.Receptionist).OpenAsync(id)); // everyone reads the dental records

        var stranger = CaseStudies(other, other.Doctor.Member);
        Assert.Null(await stranger.OpenAsync(id));
        Assert.Null(await stranger.BuilderAsync(arrange.PatientId));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, stranger.SaveAsync(id, input));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, stranger.RegenerateSectionAsync(id, nameof(CaseStudy.Summary), false));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, stranger.CreateAsync(arrange.PatientId, Everything(arrange)));
        Assert.Null(await other.Practice.Practice.As(other.Owner).Get<CaseStudyPrinting>().RenderPdfAsync(id));
        Assert.Null(await CaseStudies(arrange, other.Doctor.Member).OpenAsync(id));
        Assert.Empty(await other.Practice.Practice.WithContextAsync(db => db.CaseStudies.AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task The_builder_offers_the_patients_records_grouped_by_tooth_and_visit_and_the_pdf_prints_the_sections()
    {
        var arrange = await DentalFilesArrange.CreateAsync(fixture);
        await ChangeAssert.DoneAsync(arrange.AttachmentsAs(arrange.Doctor.Member).UploadAsync(arrange.OnVisit,
            new AttachmentUploadInput { Kind = DentalAttachmentKind.XRay }, new MemoryStream(AttachmentSamples.Png(64, 48)), "opg.png"));

        var builder = (await CaseStudies(arrange, arrange.Doctor.Member).BuilderAsync(arrange.PatientId))!;

        Assert.Equal(3, builder.Choices.Count);
        Assert.Equal("Tooth 36", Assert.Single(builder.Choices, c => c.Kind == CaseStudySourceKind.Observation).Group);
        Assert.Equal("Tooth 36", Assert.Single(builder.Choices, c => c.Kind == CaseStudySourceKind.Procedure).Group);
        Assert.StartsWith("Visit of ", Assert.Single(builder.Choices, c => c.Kind == CaseStudySourceKind.Attachment).Group, StringComparison.Ordinal);
        Assert.False(builder.LanguageModelAvailable);

        var request = Everything(arrange, builder.Choices.Single(c => c.Kind == CaseStudySourceKind.Attachment).Id);
        var id = await ChangeAssert.DoneAsync(CaseStudies(arrange, arrange.Doctor.Member).CreateAsync(arrange.PatientId, request));
        var printed = (await arrange.Practice.Practice.As(arrange.Receptionist).Get<CaseStudyPrinting>().RenderPdfAsync(id))!;
        using var pdf = new MedicalApp.Tests.Printing.PdfReadBack(printed.Pdf);
        var text = string.Join("\n", pdf.PageTexts());
        foreach (var (_, heading) in CaseStudySections.Headings)
        {
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }

        Assert.Contains("Deep caries 36 restored", text, StringComparison.Ordinal);
        // The chosen X-ray's thumbnail, wherever the sections leave room for it.
        Assert.Single(Enumerable.Range(1, pdf.PageCount).SelectMany(n => pdf.Page(n).GetImages()));
        Assert.Single(await arrange.Practice.AuditEventsAsync(), e => e.Action == AuditActions.CaseStudyPrinted && e.UserId == arrange.Receptionist.UserId);
    }
}

public sealed class SqliteCaseStudyServiceTests(SqliteDatabaseFixture fixture)
    : CaseStudyServiceTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresCaseStudyServiceTests(PostgresDatabaseFixture fixture)
    : CaseStudyServiceTests(fixture), IClassFixture<PostgresDatabaseFixture>;
