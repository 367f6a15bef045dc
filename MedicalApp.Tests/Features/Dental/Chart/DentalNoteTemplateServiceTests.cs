using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Consultations;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Dental.Templates;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Dental.Chart;

/// <summary>
/// Note templates on both databases: personal ones are their doctor's only, shared ones everyone's; short codes are
/// unique per practice whatever their case; matching ranks the reader's templates; another practice's template is not found.
/// </summary>
public abstract class DentalNoteTemplateServiceTests(ConsultationFixture fixture)
{
    private TestPractice Practice => fixture.PracticeA;

    private DentalNoteTemplateService Templates(TestMember member, TestPractice? practice = null) => (practice ?? Practice).As(member).Get<DentalNoteTemplateService>();

    private Task<TestDoctor> DentistAsync(TestPractice? practice = null) =>
        (practice ?? Practice).AddDoctorAsync([DoctorHours.Weekdays(practice is null ? fixture.AnnaNagar : fixture.BLocation, 9, 13)], specializations: ["Dentistry"]);

    [Fact]
    public async Task Personal_templates_are_their_doctors_own_and_shared_ones_everyones_ranked_by_match()
    {
        var dentist = await DentistAsync();
        var colleague = await DentistAsync();
        var code = "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var personal = await ChangeAssert.DoneAsync(Templates(dentist.Member).CreateAsync(new DentalNoteTemplateInput
        {
            Condition = DentalCondition.Caries, Surfaces = ToothSurfaces.OcclusalIncisal, Severity = DentalSeverity.Moderate,
            Text = "My own caries note", ShortCode = code.ToLowerInvariant(), IsPersonal = true, DisplayOrder = 999,
        }));
        var shared = await ChangeAssert.DoneAsync(Templates(dentist.Member).CreateAsync(new DentalNoteTemplateInput
        {
            Condition = DentalCondition.Caries, Text = "Shared caries note", DisplayOrder = 0,
        }));

        var mine = await Templates(dentist.Member).MatchAsync(DentalCondition.Caries, ToothSurfaces.OcclusalIncisal, DentalSeverity.Moderate);
        Assert.Equal(personal, mine[0].Id); // three exact matches beat any display order
        Assert.Equal(code, mine[0].ShortCode);
        Assert.Contains(mine, t => t.Id == shared);
        Assert.DoesNotContain(mine, t => t.Condition is { } c && c != DentalCondition.Caries);

        var theirs = await Templates(colleague.Member).ListAsync();
        Assert.DoesNotContain(theirs, t => t.Id == personal);
        Assert.False(theirs.Single(t => t.Id == shared).MayChange);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Templates(colleague.Member).DeleteAsync(personal));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Templates(colleague.Member).DeleteAsync(shared));

        var taken = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, Templates(colleague.Member).CreateAsync(new DentalNoteTemplateInput { Text = "Same code", ShortCode = code }));
        Assert.Equal([nameof(DentalNoteTemplateInput.ShortCode)], taken.FieldErrors.Keys);

        var version = (await Templates(dentist.Member).ListAsync()).Single(t => t.Id == personal).Version;
        await ChangeAssert.DoneAsync(Templates(dentist.Member).UpdateAsync(personal, new DentalNoteTemplateInput { Text = "Reworded", IsPersonal = true, Version = version }));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, Templates(dentist.Member).UpdateAsync(personal, new DentalNoteTemplateInput { Text = "Old tab", IsPersonal = true, Version = version }));
        await ChangeAssert.DoneAsync(Templates(dentist.Member).DeleteAsync(personal));
        Assert.Contains(await Practice.WithContextAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.DentalNoteTemplateDeleted).ToListAsync()),
            e => e.EntityId == personal.ToString());
    }

    [Fact]
    public async Task Another_practices_template_is_not_found_and_nurses_do_not_write_templates()
    {
        var dentist = await DentistAsync();
        var bDentist = await DentistAsync(fixture.PracticeB);
        var bTemplate = await ChangeAssert.DoneAsync(Templates(bDentist.Member, fixture.PracticeB).CreateAsync(new DentalNoteTemplateInput { Text = "B's note" }));
        var nurse = await Practice.AddMemberAsync(PracticeRoles.Nurse);

        Assert.DoesNotContain(await Templates(dentist.Member).ListAsync(), t => t.Id == bTemplate);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Templates(dentist.Member).UpdateAsync(bTemplate, new DentalNoteTemplateInput { Text = "Taken over" }));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.NotFound, Templates(dentist.Member).DeleteAsync(bTemplate));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Templates(nurse).CreateAsync(new DentalNoteTemplateInput { Text = "Nurse's note" }));
        Assert.Equal("B's note", await fixture.PracticeB.WithContextAsync(db => db.DentalNoteTemplates.AsNoTracking().Where(t => t.Id == bTemplate).Select(t => t.Text).SingleAsync()));
    }
}

public sealed class SqliteDentalNoteTemplateServiceTests(SqliteConsultationFixture fixture)
    : DentalNoteTemplateServiceTests(fixture), IClassFixture<SqliteConsultationFixture>;

public sealed class PostgresDentalNoteTemplateServiceTests(PostgresConsultationFixture fixture)
    : DentalNoteTemplateServiceTests(fixture), IClassFixture<PostgresConsultationFixture>;
