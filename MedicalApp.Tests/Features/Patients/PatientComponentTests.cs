using Bunit;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Components.Layout;
using MedicalApp.Web.Components.Shared.Changes;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace MedicalApp.Tests.Features.Patients;

/// <summary>
/// Components rendered with bUnit over a real (SQLite) practice: the wizard's "this mobile already has a family"
/// choice, the patient picker's search and its quick registration, the edit and make-primary dialogs saying a refusal
/// in place, and the menu's Patients link for every role.
/// </summary>
public sealed class PatientComponentTests : IAsyncLifetime
{
    private TestDatabase db = default!;
    private TestPractice practice = default!;
    private TestMember owner = default!;
    private TestMember receptionist = default!;
    private TestMember nurse = default!;

    public async ValueTask InitializeAsync()
    {
        db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        practice = await db.CreatePracticeAsync("components");
        owner = await practice.AddMemberAsync(PracticeRoles.Owner | PracticeRoles.Doctor);
        receptionist = await practice.AddMemberAsync(PracticeRoles.Receptionist);
        nurse = await practice.AddMemberAsync(PracticeRoles.Nurse);
    }

    public async ValueTask DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task The_wizard_offers_to_add_a_member_when_the_mobile_already_has_a_family()
    {
        var mobile = PatientFixture.NewMobile();
        Assert.True((await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(PatientFixture.Person("Ravi", "Kumar", mobile))).Succeeded);
        await using var context = NewContext(receptionist);

        var wizard = context.Render<RegisterPatient>();
        wizard.WaitForElement("[data-testid=primary-first-name]").Change("Anand");
        wizard.Find("input[data-testid=primary-mobile]").Change($"+91 {mobile}");

        var choice = wizard.WaitForElement("[data-testid=family-exists]");
        Assert.Contains("This mobile number already has a family: Ravi Kumar (primary).", choice.TextContent, StringComparison.Ordinal);
        Assert.NotNull(wizard.Find("a[data-testid=open-family]").GetAttribute("href")?.EndsWith($"families/{mobile}", StringComparison.Ordinal));
        Assert.True(wizard.Find("[data-testid=next]").HasAttribute("disabled"));

        wizard.Find("[data-testid=add-to-family]").Click();

        wizard.WaitForAssertion(() => Assert.Contains("Add members to the family of Ravi Kumar", wizard.Markup, StringComparison.Ordinal));
        Assert.Equal("Anand", wizard.Find("input[data-testid=member-0-first-name]").GetAttribute("value"));
        Assert.Empty(wizard.FindAll("input[data-testid=primary-mobile]"));
    }

    [Fact]
    public async Task Cancel_in_the_family_choice_clears_the_number_and_keeps_the_rest()
    {
        var mobile = PatientFixture.NewMobile();
        Assert.True((await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(PatientFixture.Person("Ravi", "Kumar", mobile))).Succeeded);
        await using var context = NewContext(receptionist);

        var wizard = context.Render<RegisterPatient>();
        wizard.WaitForElement("[data-testid=primary-first-name]").Change("Anand");
        wizard.Find("input[data-testid=primary-mobile]").Change(mobile);
        wizard.WaitForElement("[data-testid=cancel-family-choice]").Click();

        wizard.WaitForAssertion(() => Assert.Empty(wizard.FindAll("[data-testid=family-exists]")));
        Assert.Equal("Anand", wizard.Find("input[data-testid=primary-first-name]").GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(wizard.Find("input[data-testid=primary-mobile]").GetAttribute("value")));
    }

    [Fact]
    public async Task The_picker_lists_matches_with_age_gender_and_the_mobiles_last_digits()
    {
        var mobile = PatientFixture.NewMobile();
        Assert.True((await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(PatientFixture.Person("Ravi", "Kumar", mobile, age: 41),
            [PatientFixture.Person("Lakshmi", relationship: FamilyRelationship.Spouse, gender: Gender.Female, age: 38)])).Succeeded);
        await using var context = NewContext(receptionist);
        Guid? picked = null;

        var picker = context.Render<PatientPicker>(p => p.Add(x => x.PatientIdChanged, (Guid? id) => picked = id));
        picker.Find("input").Input("k");
        picker.WaitForAssertion(() => Assert.Contains(PatientSearchTerms.TooShortMessage, picker.Markup, StringComparison.Ordinal));
        picker.Find("input").Input("kumar");

        picker.WaitForAssertion(() => Assert.Equal(2, picker.FindAll("[data-testid=patient-match]").Count), TimeSpan.FromSeconds(5));
        var lakshmi = picker.FindAll("[data-testid=patient-match]").Single(o => o.TextContent.Contains("Lakshmi", StringComparison.Ordinal));
        Assert.Contains($"38 y · Female · ••••{mobile[^4..]} · Spouse", lakshmi.TextContent, StringComparison.Ordinal);
        Assert.NotNull(picker.Find("[data-testid=quick-register]"));

        lakshmi.Click();
        picker.WaitForAssertion(() => Assert.Contains("Lakshmi Kumar", picker.Find("[data-testid=patient-chosen]").TextContent, StringComparison.Ordinal));
        var lakshmiId = await InPracticeAsync(d => d.Patients.Where(p => p.Mobile == mobile && p.FirstName == "Lakshmi").Select(p => p.Id).SingleAsync());
        Assert.Equal(lakshmiId, picked);
    }

    [Fact]
    public async Task Quick_registration_from_the_picker_registers_and_picks_the_new_patient()
    {
        var mobile = PatientFixture.NewMobile();
        await using var context = NewContext(receptionist);
        var dialogs = context.Render<MudDialogProvider>();
        Guid? picked = null;
        var picker = context.Render<PatientPicker>(p => p.Add(x => x.PatientIdChanged, (Guid? id) => picked = id));

        picker.Find("input").Input(mobile);
        picker.WaitForElement("[data-testid=patient-no-match]", TimeSpan.FromSeconds(5));
        picker.Find("[data-testid=quick-register]").Click();
        // The dialog starts from what was typed: the mobile is filled in.
        dialogs.WaitForAssertion(() => Assert.Equal(mobile, dialogs.Find("input[data-testid=quick-mobile]").GetAttribute("value")));
        dialogs.Find("input[data-testid=quick-first-name]").Change("Selvi");
        dialogs.Find("input[data-testid=quick-last-name]").Change("Raj");
        dialogs.FindAll("[data-testid=quick-gender] label.mud-radio").Single(l => l.TextContent.Trim() == "Female").QuerySelector("input")!.Click();
        dialogs.Find("input[data-testid=quick-age-only], [data-testid=quick-age-only] input").Change(true);
        dialogs.WaitForElement("input[data-testid=quick-age]").Change("52");
        dialogs.Find("[data-testid=quick-register-save]").Click();

        picker.WaitForAssertion(() =>
        {
            var chosen = picker.Find("[data-testid=patient-chosen]").TextContent;
            Assert.Contains("Selvi Raj", chosen, StringComparison.Ordinal);
            Assert.Contains($"52 y · Female · ••••{mobile[^4..]}", chosen, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));
        var saved = await InPracticeAsync(d => d.Patients.AsNoTracking().SingleAsync(p => p.Mobile == mobile));
        Assert.Equal((saved.Id, true), (picked!.Value, saved.IsPrimary));
    }

    [Fact]
    public async Task Quick_registration_adds_to_an_existing_family_as_Other_by_default_and_hands_back_the_patient()
    {
        var mobile = PatientFixture.NewMobile();
        Assert.True((await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(PatientFixture.Person("Ravi", "Kumar", mobile))).Succeeded);
        await using var context = NewContext(receptionist);
        var host = context.Render<MudDialogProvider>();
        var dialogs = context.Services.GetRequiredService<IDialogService>();

        IDialogReference? reference = null;
        await host.InvokeAsync(async () => reference = await dialogs.ShowAsync<QuickRegisterDialog>(null,
            new DialogParameters<QuickRegisterDialog> { { d => d.Search, mobile } }));

        host.WaitForAssertion(() => Assert.Contains("belongs to the family of Ravi Kumar", host.Markup, StringComparison.Ordinal));
        host.Find("input[data-testid=quick-first-name]").Change("Meena");
        host.Find("input[data-testid=quick-last-name]").Change("Kumar");
        host.FindAll("[data-testid=quick-gender] label.mud-radio").Single(l => l.TextContent.Trim() == "Female").QuerySelector("input")!.Click();
        host.Find("input[data-testid=quick-age-only], [data-testid=quick-age-only] input").Change(true);
        host.WaitForElement("input[data-testid=quick-age]").Change("30");
        host.Find("[data-testid=quick-register-save]").Click();

        var result = await reference!.Result.WaitAsync(TimeSpan.FromSeconds(10));
        var pick = Assert.IsType<PatientPick>(result!.Data);
        Assert.Equal("Meena Kumar", pick.DisplayName);
        var saved = await InPracticeAsync(d => d.Patients.AsNoTracking().SingleAsync(p => p.Id == pick.Id));
        Assert.Equal((mobile, false, FamilyRelationship.Other, 30), (saved.Mobile, saved.IsPrimary, saved.Relationship, saved.AgeYears!.Value));
    }

    [Fact]
    public async Task An_edit_over_someone_elses_newer_save_says_so_in_the_dialog_and_saves_nothing()
    {
        var mobile = PatientFixture.NewMobile();
        var registered = await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(PatientFixture.Person("Ravi", "Kumar", mobile));
        var id = registered.Value!.Registered!.PatientId;
        var opened = (await practice.As(receptionist).Get<PatientQueries>().GetAsync(id, recordView: false))!;
        var theirs = opened.ToForm();
        theirs.Address = "Their address";
        Assert.Equal(ChangeOutcome.Done, (await practice.As(owner).Get<PatientRecords>().UpdateAsync(id, theirs)).Outcome);
        await using var context = NewContext(receptionist);
        var host = context.Render<MudDialogProvider>();
        var dialogs = context.Services.GetRequiredService<IDialogService>();

        IDialogReference? reference = null;
        await host.InvokeAsync(async () => reference = await dialogs.ShowAsync<EditPatientDialog>(null, new DialogParameters<EditPatientDialog>
        {
            { d => d.Details, opened }, { d => d.Today, DateOnly.FromDateTime(DateTime.UtcNow) },
        }));
        host.WaitForElement("[data-testid=edit-address]").Change("My address");
        host.Find("[data-testid=edit-save]").Click();

        host.WaitForAssertion(() => Assert.Contains("Someone else changed this patient's record after you opened it",
            host.Find("[data-testid=edit-refusal]").TextContent, StringComparison.Ordinal));
        Assert.False(reference!.Result.IsCompleted);
        Assert.False(host.Find("[data-testid=edit-save]").HasAttribute("disabled"));
        Assert.Equal("Their address", await InPracticeAsync(d => d.Patients.Where(p => p.Id == id).Select(p => p.Address).SingleAsync()));
    }

    [Fact]
    public async Task Make_primary_stays_open_to_say_why_it_was_refused_and_closes_with_the_outcome_when_done()
    {
        var mobile = PatientFixture.NewMobile();
        var registered = (await practice.As(owner).Get<PatientRegistration>().RegisterFamilyAsync(PatientFixture.Person("Ravi", "Kumar", mobile),
            [PatientFixture.Person("Lakshmi", relationship: FamilyRelationship.Spouse, gender: Gender.Female),
             PatientFixture.Person("Anand", relationship: FamilyRelationship.Child)])).Value!.Registered!;
        var (lakshmi, anand) = (registered.MemberIds[0], registered.MemberIds[1]);
        await using var context = NewContext(receptionist);
        var host = context.Render<MudDialogProvider>();
        var dialogs = context.Services.GetRequiredService<IDialogService>();
        async Task<IDialogReference> OpenAsync(Guid id, string name)
        {
            IDialogReference? reference = null;
            await host.InvokeAsync(async () => reference = await dialogs.ShowAsync<MakePrimaryDialog>(null, new DialogParameters<MakePrimaryDialog>
            {
                { d => d.PatientId, id }, { d => d.MemberName, name }, { d => d.FormerPrimaryName, "Ravi Kumar" },
            }));
            return reference!;
        }

        // Anand left the family while the dialog was open.
        var refused = await OpenAsync(anand, "Anand Kumar");
        Assert.Equal(ChangeOutcome.Done, (await practice.As(owner).Get<PatientRecords>().DeactivateAsync(anand)).Outcome);
        host.WaitForElement("[data-testid=make-primary-confirm]").Click();
        host.WaitForAssertion(() => Assert.Contains("Anand Kumar is inactive.", host.Find("[data-testid=make-primary-refusal]").TextContent, StringComparison.Ordinal));
        Assert.False(refused.Result.IsCompleted);
        await host.InvokeAsync(() => refused.Close());

        var done = await OpenAsync(lakshmi, "Lakshmi Kumar");
        host.WaitForElement("[data-testid=make-primary-confirm]").Click();

        var result = await done.Result.WaitAsync(TimeSpan.FromSeconds(10));
        var outcome = Assert.IsAssignableFrom<IChangeResult>(result!.Data);
        Assert.Equal(ChangeOutcome.Done, outcome.Outcome);
        Assert.True(await InPracticeAsync(d => d.Patients.Where(p => p.Id == lakshmi).Select(p => p.IsPrimary).SingleAsync()));
    }

    [Fact]
    public async Task A_nurse_can_search_in_the_picker_but_is_not_offered_quick_registration()
    {
        await using var context = NewContext(nurse);

        var picker = context.Render<PatientPicker>();

        Assert.NotNull(picker.Find("input"));
        Assert.Empty(picker.FindAll("[data-testid=quick-register]"));
    }

    private BunitContext NewContext(TestMember member)
    {
        var context = MemberComponents.For(db, practice, member, out var scope);
        context.Services.AddSingleton(scope.Get<PatientRegistration>());
        context.Services.AddSingleton(scope.Get<PatientRecords>());
        context.Services.AddSingleton(scope.Get<PatientQueries>());
        context.Services.AddScoped<ChangeFeedback>();
        return context;
    }

    private async Task<T> InPracticeAsync<T>(Func<MedicalDbContext, Task<T>> work)
    {
        await using var d = db.CreateContext(practice);
        return await work(d);
    }
}
