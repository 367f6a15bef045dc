using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.Patients;

/// <summary>
/// A receptionist at the front desk in Chromium, over the live circuit: registers a family with the wizard, is told
/// when a mobile already has a family and adds a member to it instead, finds patients as she types, and opens a
/// patient's page (where allergies recorded by a doctor stand out).
/// </summary>
public sealed class PatientBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task A_receptionist_registers_a_family_adds_a_member_to_it_and_finds_them()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var baseUrl = fixture.BaseUrl;
        var mobile = PatientFixture.NewMobile();

        await page.GotoAsync($"{baseUrl}/t/demo/patients");
        await page.WaitForURLAsync("**/t/demo/Account/Login**");
        await page.FillAsync("#Input\\.Email", "reception@demo.test");
        await page.FillAsync("#Input\\.Password", MedicalAppFactory.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{baseUrl}/t/demo/patients");
        await ChromiumSession.WaitForCircuitAsync(page);

        // Step 1: the primary member; the client refuses an incomplete form before anything is sent.
        await page.GetByTestId("register-patient").ClickAsync();
        await page.WaitForURLAsync($"{baseUrl}/t/demo/patients/new");
        await page.GetByTestId("next").ClickAsync();
        await Assertions.Expect(page.GetByText("Enter the first name.")).ToBeVisibleAsync();
        await Field(page, "primary-first-name").FillAsync("Karthik");
        await Field(page, "primary-last-name").FillAsync("Subramanian");
        await Field(page, "primary-mobile").FillAsync($"+91 {mobile[..5]} {mobile[5..]}");
        await page.GetByTestId("primary-gender").GetByText("Male", new() { Exact = true }).ClickAsync();
        await Field(page, "primary-date-of-birth").FillAsync("14-02-1984");
        await Field(page, "primary-date-of-birth").PressAsync("Tab");
        await Field(page, "primary-email").FillAsync("karthik@example.in");
        await Assertions.Expect(page.GetByText("recorded by a doctor", new() { Exact = false })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "patients-01-primary");
        await page.GetByTestId("next").ClickAsync();

        // Step 2: two members, one with an age only.
        await page.GetByTestId("add-member").ClickAsync();
        await Field(page, "member-0-first-name").FillAsync("Divya");
        await Field(page, "member-0-last-name").FillAsync("Karthik");
        await ChromiumSession.ChooseAsync(page, "member-0-relationship", "Spouse");
        await page.GetByTestId("member-0-gender").GetByText("Female", new() { Exact = true }).ClickAsync();
        await Field(page, "member-0-date-of-birth").FillAsync("02-09-1987");
        await Field(page, "member-0-date-of-birth").PressAsync("Tab");
        await page.GetByTestId("add-member").ClickAsync();
        await Field(page, "member-1-first-name").FillAsync("Arjun");
        await ChromiumSession.ChooseAsync(page, "member-1-relationship", "Child");
        await page.GetByTestId("member-1-gender").GetByText("Male", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("member-1-age-only").ClickAsync();
        await Field(page, "member-1-age").FillAsync("7");
        await browser.ScreenshotAsync(page, "patients-02-members");
        await page.GetByTestId("next").ClickAsync();

        // Step 3: review, then save: the primary member's page opens.
        await Assertions.Expect(page.GetByTestId("review-table")).ToContainTextAsync("Divya Karthik");
        await Assertions.Expect(page.GetByTestId("review-table")).ToContainTextAsync("7 years");
        await browser.ScreenshotAsync(page, "patients-03-review");
        await page.GetByTestId("save-registration").ClickAsync();
        await Assertions.Expect(page.GetByTestId("patient-name")).ToHaveTextAsync("Karthik Subramanian");
        await Assertions.Expect(page.GetByTestId("family-members")).ToContainTextAsync("Divya Karthik");
        await Assertions.Expect(page.GetByTestId("family-members")).ToContainTextAsync("Arjun");
        await browser.ScreenshotAsync(page, "patients-04-patient-page");

        // The same mobile again: the wizard says so at once and offers to add a member to that family instead.
        await page.GotoAsync($"{baseUrl}/t/demo/patients/new");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Field(page, "primary-first-name").FillAsync("Lakshmi");
        await Field(page, "primary-last-name").FillAsync("Subramanian");
        await Field(page, "primary-mobile").FillAsync(mobile);
        await Field(page, "primary-mobile").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("family-exists")).ToContainTextAsync("already has a family: Karthik Subramanian (primary) and 2 other members");
        await browser.ScreenshotAsync(page, "patients-05-family-exists");
        await page.GetByTestId("add-to-family").ClickAsync();
        await Assertions.Expect(Field(page, "member-0-first-name")).ToHaveValueAsync("Lakshmi");
        await ChromiumSession.ChooseAsync(page, "member-0-relationship", "Parent");
        await page.GetByTestId("member-0-gender").GetByText("Female", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("member-0-age-only").ClickAsync();
        await SetValueAsync(Field(page, "member-0-age"), "68");
        await page.GetByTestId("next").ClickAsync();
        // The review shows what will be saved before it is: on a loaded machine a click must not outrun the wizard.
        await Assertions.Expect(page.GetByTestId("review-table")).ToContainTextAsync("Lakshmi Subramanian");
        await Assertions.Expect(page.GetByTestId("review-table")).ToContainTextAsync("68 years");
        await page.GetByTestId("save-registration").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{baseUrl}/t/demo/families/{mobile}");
        await Assertions.Expect(page.GetByTestId("family-table")).ToContainTextAsync("Lakshmi Subramanian");
        await Assertions.Expect(page.GetByTestId("family-summary")).ToContainTextAsync("4 of 10 members");
        await browser.ScreenshotAsync(page, "patients-06-family");

        // Search as you type: too short says what is needed, then names and mobile digits find the family.
        await page.GetByRole(AriaRole.Link, new() { Name = "Patients" }).First.ClickAsync();
        await page.WaitForURLAsync($"{baseUrl}/t/demo/patients");
        await Assertions.Expect(page.GetByTestId("result-count")).ToBeVisibleAsync(); // the first, alphabetical page
        await Field(page, "patient-search").FillAsync("k");
        await Assertions.Expect(page.GetByTestId("search-hint")).ToContainTextAsync("Type at least 2 letters of a name or 3 digits");
        await Field(page, "patient-search").FillAsync("subraman");
        await Assertions.Expect(page.GetByTestId("result-count")).ToHaveTextAsync("3 patients.");
        await Assertions.Expect(page.GetByTestId("patients-table")).ToContainTextAsync("Lakshmi Subramanian");
        await Assertions.Expect(page.GetByTestId("patients-table")).Not.ToContainTextAsync("Divya");
        await Field(page, "patient-search").FillAsync(mobile[3..8]);
        await Assertions.Expect(page.GetByTestId("patients-table")).ToContainTextAsync("Divya Karthik");
        await Assertions.Expect(page.GetByTestId("result-count")).ToHaveTextAsync("4 patients.");
        await page.SetViewportSizeAsync(768, 1024);
        await browser.ScreenshotAsync(page, "patients-07-search-tablet");
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByRole(AriaRole.Link, new() { Name = "Divya Karthik" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("patient-name")).ToHaveTextAsync("Divya Karthik");
        await Assertions.Expect(page.GetByTestId("allergies")).ToHaveTextAsync("None recorded");

        // Each opening of the record is one audited view: reloading the page (prerendered, then interactive) adds one.
        var divya = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await page.ReloadAsync();
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("patient-name")).ToHaveTextAsync("Divya Karthik");
        await page.WaitForTimeoutAsync(500);
        var views = (await fixture.App.AuditEventsAsync("demo"))
            .Count(e => e.Action == MedicalApp.Web.Services.Audit.AuditActions.PatientViewed && e.EntityId == divya);
        Assert.Equal(2, views);

        // Reception edits demographics; the medical fields are not offered to her.
        await page.GetByTestId("edit-patient").ClickAsync();
        // A finished edit of that field, wherever the dialog's late autofocus lands (typing could go into First name).
        await SetValueAsync(Field(page, "edit-address"), "14 Anna Salai, Chennai 600002");
        await Assertions.Expect(page.GetByTestId("edit-patient-dialog")).Not.ToContainTextAsync("Allergies");
        await browser.ScreenshotAsync(page, "patients-08-edit");
        await page.GetByTestId("edit-save").ClickAsync();
        await Assertions.Expect(page.GetByText("The patient's record was saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("14 Anna Salai, Chennai 600002")).ToBeVisibleAsync();
    }
}
