using MedicalApp.Data.Entities;
using MedicalApp.Printing.Prescriptions;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Consultations;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Prescriptions;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace MedicalApp.Tests.Features.Prescriptions;

/// <summary>
/// How prescriptions print, on both databases: administrators set it for the practice, a doctor, or a doctor at one
/// location; a doctor sets only their own; the front desk none. Bad values are refused on their fields, a save over
/// someone else's change is stale, and the most specific setting decides the layout until it is removed.
/// </summary>
public abstract class PrintSettingServiceTests(ConsultationFixture fixture)
{
    private TestPractice Practice => fixture.PracticeA;

    private PrintSettingService Settings(TestMember member) => Practice.As(member).Get<PrintSettingService>();

    /// <summary>A doctor practising at both of A's locations, and an administrator, new for each test.</summary>
    private async Task<(TestDoctor Doctor, TestMember Admin)> PeopleAsync() =>
        (await Practice.AddDoctorAsync(locations: [fixture.AnnaNagar, fixture.TNagar]), await Practice.AddMemberAsync(PracticeRoles.Admin));

    private static PrintScope PracticeScope => new(null, null, "The whole practice");

    private static PrintScope DoctorScope(TestDoctor doctor, Guid? location = null) => new(doctor.Id, location, doctor.Name);

    private static PrintSettingInput Input(PrintTemplate template, int margin = 12, PrintLogoPosition logo = PrintLogoPosition.Right, decimal font = 11m, int? version = null) =>
        new() { Template = template, MarginMm = margin, LogoPosition = logo, FontSizePt = font, Version = version };

    private Task<PrintLayout> LayoutAsync(TestPractice practice, Guid doctorId, Guid locationId) =>
        practice.WithContextAsync(db => PrescriptionPrinting.LayoutAsync(db, doctorId, locationId, CancellationToken.None));

    private Task<PrintSetting?> SettingAsync(PrintScope scope) =>
        Practice.WithContextAsync(db => db.PrintSettings.AsNoTracking().FirstOrDefaultAsync(s => s.ScopeKey == scope.Key));

    [Fact]
    public async Task An_administrator_sets_any_scope_a_doctor_only_their_own_and_the_front_desk_none()
    {
        var (doctor, admin) = await PeopleAsync();
        var colleague = await Practice.AddDoctorAsync(locations: [fixture.AnnaNagar]);
        // A practice-wide setting may be there from another test; this one only replaces it at the same version.
        var practiceWide = await SettingAsync(PracticeScope);

        await ChangeAssert.DoneAsync(Settings(admin).SaveAsync(PracticeScope, Input(PrintTemplate.Classic, version: practiceWide?.Version)));
        await ChangeAssert.DoneAsync(Settings(admin).SaveAsync(DoctorScope(colleague), Input(PrintTemplate.Letter)));
        await ChangeAssert.DoneAsync(Settings(doctor.Member).SaveAsync(DoctorScope(doctor), Input(PrintTemplate.Modern)));
        await ChangeAssert.DoneAsync(Settings(doctor.Member).SaveAsync(DoctorScope(doctor, fixture.TNagar), Input(PrintTemplate.Minimal)));

        var refusals = new[]
        {
            await Settings(doctor.Member).SaveAsync(PracticeScope, Input(PrintTemplate.Minimal)),
            await Settings(doctor.Member).SaveAsync(DoctorScope(colleague), Input(PrintTemplate.Minimal)),
            await Settings(doctor.Member).RemoveAsync(DoctorScope(colleague)),
            await Settings(fixture.DeskA).SaveAsync(DoctorScope(doctor), Input(PrintTemplate.Letter)),
            await Settings(fixture.DeskA).RemoveAsync(DoctorScope(doctor)),
        };
        Assert.All(refusals, r => Assert.Equal((ChangeOutcome.Forbidden, PrintSettingService.NotAllowed), (r.Outcome, r.Message)));

        Assert.Equal(PrintTemplate.Letter, (await SettingAsync(DoctorScope(colleague)))!.Template);
        Assert.Equal(PrintTemplate.Modern, (await SettingAsync(DoctorScope(doctor)))!.Template);
        var audit = await Practice.WithContextAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.PrintSettingsChanged && e.UserId == doctor.UserId).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Contains(audit, e => e.Details == $"{doctor.Name}: Minimal, margins 12 mm, logo Right, text 11 pt");

        // What each may choose from.
        var forDoctor = (await Settings(doctor.Member).OverviewAsync())!;
        Assert.Equal([DoctorScope(doctor).Key, DoctorScope(doctor, fixture.AnnaNagar).Key, DoctorScope(doctor, fixture.TNagar).Key], forDoctor.Scopes.Select(s => s.Scope.Key));
        Assert.Equal(PrintTemplate.Minimal, forDoctor.Scopes.Single(s => s.Scope.ClinicLocationId == fixture.TNagar).Setting!.Template);
        Assert.Null(forDoctor.Scopes.Single(s => s.Scope.ClinicLocationId == fixture.AnnaNagar).Setting);
        var forAdmin = (await Settings(admin).OverviewAsync())!;
        Assert.Equal("practice", forAdmin.Scopes[0].Scope.Key);
        Assert.Contains(forAdmin.Scopes, s => s.Scope.Key == DoctorScope(colleague).Key);
        Assert.Null(await Settings(fixture.DeskA).OverviewAsync());
    }

    [Fact]
    public async Task Values_outside_the_rules_are_refused_on_their_fields_and_unknown_scopes_are_refused()
    {
        var (doctor, admin) = await PeopleAsync();
        var notHere = await Practice.AddLocationAsync("Nowhere clinic");

        var invalid = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid,
            Settings(admin).SaveAsync(DoctorScope(doctor), Input((PrintTemplate)7, margin: 2, logo: (PrintLogoPosition)9, font: 20m)));

        Assert.Equal(new Dictionary<string, string>
        {
            [PrintSettingFields.Template] = "Choose one of the templates.",
            [PrintSettingFields.Margin] = "The margin must be between 5 and 40 mm.",
            [PrintSettingFields.LogoPosition] = "Choose where the logo goes.",
            [PrintSettingFields.FontSize] = "The text size must be between 8 and 14 pt.",
        }, invalid.FieldErrors);
        var unknownDoctor = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Settings(admin).SaveAsync(new PrintScope(Guid.NewGuid(), null, "Nobody"), Input(PrintTemplate.Modern)));
        Assert.Equal("There is no such doctor in this practice.", unknownDoctor.Message);
        var elsewhere = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Settings(admin).SaveAsync(DoctorScope(doctor, notHere), Input(PrintTemplate.Modern)));
        Assert.Equal("The doctor does not practise at that location.", elsewhere.Message);
        Assert.Null(await SettingAsync(DoctorScope(doctor)));
        Assert.Null(await SettingAsync(DoctorScope(doctor, notHere)));

        // The live preview draws the sample only for settings that could print.
        Assert.Null(Settings(admin).Preview(Input(PrintTemplate.Modern, margin: 2), "Lotus Clinic"));
        using var preview = SKBitmap.Decode(Settings(admin).Preview(Input(PrintTemplate.Minimal), "Lotus Clinic"));
        Assert.Equal((292, 414), (preview.Width, preview.Height)); // A5 at 50 dpi
    }

    [Fact]
    public async Task A_save_over_a_change_made_since_the_form_was_filled_is_stale_even_when_the_setting_was_new()
    {
        var (doctor, admin) = await PeopleAsync();
        var scope = DoctorScope(doctor);
        // Both open the form while the doctor follows the practice's setting.
        var adminForm = PrintSettingService.InputFrom(null);
        var doctorForm = PrintSettingService.InputFrom(null);
        adminForm.Template = PrintTemplate.Letter;
        doctorForm.Template = PrintTemplate.Minimal;

        await ChangeAssert.DoneAsync(Settings(admin).SaveAsync(scope, adminForm));
        var stale = await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, Settings(doctor.Member).SaveAsync(scope, doctorForm));

        Assert.Equal(ChangeResult.StaleMessage("print setting"), stale.Message);
        var saved = (await SettingAsync(scope))!;
        Assert.Equal(PrintTemplate.Letter, saved.Template);

        // Filled again from what is stored, the doctor's change goes through; the admin's form is now the old one.
        var refilled = PrintSettingService.InputFrom(saved);
        refilled.Template = PrintTemplate.Minimal;
        await ChangeAssert.DoneAsync(Settings(doctor.Member).SaveAsync(scope, refilled));
        adminForm.Version = saved.Version;
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, Settings(admin).SaveAsync(scope, adminForm));
        Assert.Equal(PrintTemplate.Minimal, (await SettingAsync(scope))!.Template);

        // Removed meanwhile: a form filled before is stale too, rather than bringing it back.
        var beforeRemoval = PrintSettingService.InputFrom(await SettingAsync(scope));
        await ChangeAssert.DoneAsync(Settings(admin).RemoveAsync(scope));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, Settings(doctor.Member).SaveAsync(scope, beforeRemoval));
        Assert.Null(await SettingAsync(scope));
    }

    [Fact]
    public async Task The_most_specific_setting_decides_the_layout_and_removing_one_falls_back_to_the_next()
    {
        var practice = await fixture.Db.CreatePracticeAsync("print-" + Guid.NewGuid().ToString("N")[..8], clock: AppointmentFixture.NewClock());
        var annaNagar = await practice.AddLocationAsync("Anna Nagar");
        var tNagar = await practice.AddLocationAsync("T. Nagar");
        var doctor = await practice.AddDoctorAsync(locations: [annaNagar, tNagar]);
        var colleague = await practice.AddDoctorAsync(locations: [annaNagar]);
        var admin = await practice.AddMemberAsync(PracticeRoles.Admin);
        var settings = practice.As(admin).Get<PrintSettingService>();

        Assert.Equal(PrintLayout.Preset(PrescriptionTemplate.Classic), await LayoutAsync(practice, doctor.Id, annaNagar));

        await ChangeAssert.DoneAsync(settings.SaveAsync(PracticeScope, Input(PrintTemplate.Minimal, margin: 8)));
        await ChangeAssert.DoneAsync(settings.SaveAsync(DoctorScope(doctor), Input(PrintTemplate.Letter, margin: 20, logo: PrintLogoPosition.None, font: 12.5m)));
        await ChangeAssert.DoneAsync(settings.SaveAsync(DoctorScope(doctor, annaNagar), Input(PrintTemplate.Modern, margin: 15, logo: PrintLogoPosition.Centre, font: 9m)));

        var atAnnaNagar = await LayoutAsync(practice, doctor.Id, annaNagar);
        Assert.Equal((PrescriptionTemplate.Modern, PaperSize.A4, 15m, 15m, LogoPosition.Centre, 9m),
            (atAnnaNagar.Template, atAnnaNagar.PaperSize, atAnnaNagar.MarginTopMm, atAnnaNagar.MarginLeftMm, atAnnaNagar.LogoPosition, atAnnaNagar.FontSizePt));
        var atTNagar = await LayoutAsync(practice, doctor.Id, tNagar);
        Assert.Equal((PrescriptionTemplate.Letter, PaperSize.Letter, 20m, LogoPosition.None, 12.5m),
            (atTNagar.Template, atTNagar.PaperSize, atTNagar.MarginBottomMm, atTNagar.LogoPosition, atTNagar.FontSizePt));
        var colleagues = await LayoutAsync(practice, colleague.Id, annaNagar);
        Assert.Equal((PrescriptionTemplate.Minimal, PaperSize.A5, 8m), (colleagues.Template, colleagues.PaperSize, colleagues.MarginRightMm));

        await ChangeAssert.DoneAsync(settings.RemoveAsync(DoctorScope(doctor, annaNagar)));
        Assert.Equal(PrescriptionTemplate.Letter, (await LayoutAsync(practice, doctor.Id, annaNagar)).Template);
        await ChangeAssert.DoneAsync(settings.RemoveAsync(DoctorScope(doctor)));
        Assert.Equal(PrescriptionTemplate.Minimal, (await LayoutAsync(practice, doctor.Id, annaNagar)).Template);
        await ChangeAssert.DoneAsync(settings.RemoveAsync(PracticeScope));
        Assert.Equal(PrintLayout.Preset(PrescriptionTemplate.Classic), await LayoutAsync(practice, doctor.Id, tNagar));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, settings.RemoveAsync(DoctorScope(doctor)));
        Assert.Equal(6, await practice.WithContextAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.PrintSettingsChanged)));
    }

    [Fact]
    public async Task Another_practice_neither_sets_nor_follows_this_practices_settings()
    {
        var (doctor, admin) = await PeopleAsync();
        var adminOfB = await fixture.PracticeB.AddMemberAsync(PracticeRoles.Admin);
        var doctorOfB = await fixture.PracticeB.AddDoctorAsync(locations: [fixture.BLocation]);
        await ChangeAssert.DoneAsync(Settings(admin).SaveAsync(DoctorScope(doctor), Input(PrintTemplate.Letter)));

        // B's administrator through A's address is nobody there; A's administrator cannot name B's doctor.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Settings(adminOfB).SaveAsync(DoctorScope(doctor), Input(PrintTemplate.Minimal, version: 0)));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, Settings(adminOfB).RemoveAsync(DoctorScope(doctor)));
        Assert.Null(await Settings(adminOfB).OverviewAsync());
        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, Settings(admin).SaveAsync(DoctorScope(doctorOfB), Input(PrintTemplate.Minimal)));
        Assert.Equal("There is no such doctor in this practice.", refused.Message);

        Assert.Equal(PrintTemplate.Letter, (await SettingAsync(DoctorScope(doctor)))!.Template);
        Assert.Equal(PrintLayout.Preset(PrescriptionTemplate.Classic), await LayoutAsync(fixture.PracticeB, doctorOfB.Id, fixture.BLocation));
        Assert.DoesNotContain((await fixture.PracticeB.As(adminOfB).Get<PrintSettingService>().OverviewAsync())!.Scopes, s => s.Scope.DoctorProfileId == doctor.Id);
    }

    [Fact]
    public async Task A_read_only_practice_keeps_its_settings()
    {
        var practice = await fixture.Db.CreatePracticeAsync("print-ro-" + Guid.NewGuid().ToString("N")[..6], clock: AppointmentFixture.NewClock());
        var admin = await practice.AddMemberAsync(PracticeRoles.Admin);
        await ChangeAssert.DoneAsync(practice.As(admin).Get<PrintSettingService>().SaveAsync(PracticeScope, Input(PrintTemplate.Modern)));
        await practice.UpdateAsync(t => t.TrialEndsAtUtc = DateTime.UtcNow.AddMinutes(-1));
        var setting = await practice.WithContextAsync(db => db.PrintSettings.AsNoTracking().SingleAsync());

        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.As(admin).Get<PrintSettingService>().SaveAsync(PracticeScope, Input(PrintTemplate.Letter, version: setting.Version)));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.As(admin).Get<PrintSettingService>().RemoveAsync(PracticeScope));

        Assert.Equal(PrintTemplate.Modern, (await practice.WithContextAsync(db => db.PrintSettings.AsNoTracking().SingleAsync())).Template);
    }
}

public sealed class SqlitePrintSettingServiceTests(SqliteConsultationFixture fixture)
    : PrintSettingServiceTests(fixture), IClassFixture<SqliteConsultationFixture>;

public sealed class PostgresPrintSettingServiceTests(PostgresConsultationFixture fixture)
    : PrintSettingServiceTests(fixture), IClassFixture<PostgresConsultationFixture>;
