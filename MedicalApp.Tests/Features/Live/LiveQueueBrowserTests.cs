using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Live;

/// <summary>
/// Three browser sessions on the fixed-clock app (Tuesday 10 March 2026, 09:40 in Chennai), each in its own browser
/// context: demo's doctor on his home page, demo's receptionist at the reception queue, and sunrise's owner at
/// sunrise's reception queue. The receptionist adds a walk-in; the doctor's open dashboard shows her without a reload.
/// The doctor starts her consultation; the receptionist's open queue shows her in consultation without a reload.
/// Sunrise's open page shows none of it. Every page is checked by axe.
/// </summary>
public sealed class LiveQueueBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private const string PatientName = "Kavya Nair";

    private string Demo => $"{fixture.BaseUrl}/t/demo";

    private string Sunrise => $"{fixture.BaseUrl}/t/sunrise";

    [Fact]
    public async Task The_doctors_open_dashboard_and_the_desks_open_queue_follow_each_other_and_another_practice_sees_nothing()
    {
        await DemoDoctors.EnsureAsync(fixture.App);
        await AddDemoPatientAsync();
        await using var browser = await ChromiumSession.StartAsync();
        var doctor = await browser.NewPageAsync();
        var desk = await browser.NewPageAsync();
        var elsewhere = await browser.NewPageAsync();
        var at = doctor;
        try
        {
            // The doctor's home page, open before anything happens at the desk.
            await ChromiumSession.SignInAsync(doctor, Demo, "doctor@demo.test", MedicalAppFactory.DemoPassword);
            await ChromiumSession.WaitForCircuitAsync(doctor);
            var dashboard = doctor.GetByTestId("doctor-dashboard");
            await Assertions.Expect(dashboard).ToContainTextAsync("updates by itself");
            await Assertions.Expect(dashboard).Not.ToContainTextAsync(PatientName);
            await browser.ScreenshotAsync(doctor, "live-01-doctor-before");

            // Another practice's desk, open all along.
            at = elsewhere;
            await ChromiumSession.SignInAsync(elsewhere, Sunrise, "owner@sunrise.test", MedicalAppFactory.DemoPassword);
            await elsewhere.GotoAsync($"{Sunrise}/reception");
            await ChromiumSession.WaitForCircuitAsync(elsewhere);
            await Assertions.Expect(elsewhere.GetByRole(AriaRole.Heading, new() { Name = "Today's queue" })).ToBeVisibleAsync();
            await browser.ScreenshotAsync(elsewhere, "live-02-other-practice-before");
            var elsewhereBefore = await elsewhere.Locator(".mud-main-content").InnerTextAsync();

            // The desk adds the walk-in.
            at = desk;
            await ChromiumSession.SignInAsync(desk, Demo, "reception@demo.test", MedicalAppFactory.DemoPassword);
            await desk.GotoAsync($"{Demo}/reception");
            await ChromiumSession.WaitForCircuitAsync(desk);
            var field = desk.GetByLabel("Patient", new() { Exact = true });
            await field.ClickAsync();
            await field.PressSequentiallyAsync("Kavya", new() { Delay = 80 });
            await Assertions.Expect(field).ToHaveValueAsync("Kavya");
            await desk.GetByTestId("patient-match").Filter(new() { HasText = PatientName }).ClickAsync();
            await Assertions.Expect(desk.GetByTestId("patient-chosen")).ToContainTextAsync(PatientName);
            await desk.GetByLabel("Doctor").ClickAsync();
            await desk.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Vikram Iyer" }).ClickAsync();
            await desk.GetByTestId("add-walk-in").ClickAsync();
            await Assertions.Expect(desk.GetByText($"{PatientName} is in Vikram Iyer's queue")).ToBeVisibleAsync();
            await browser.ScreenshotAsync(desk, "live-03-desk-added");

            // The doctor's page, untouched since it opened, shows her.
            at = doctor;
            var row = doctor.GetByTestId("doctor-queue").Locator($"[data-testid=queue-row][data-patient='{PatientName}']");
            await Assertions.Expect(row).ToBeVisibleAsync();
            await Assertions.Expect(row.GetByTestId("walk-in-chip")).ToBeVisibleAsync();
            await browser.ScreenshotAsync(doctor, "live-04-doctor-after");

            // The doctor starts her consultation; the desk's page, untouched since the walk-in, follows.
            await row.GetByTestId("start").ClickAsync();
            await doctor.WaitForURLAsync("**/consultations/**");
            at = desk;
            var column = desk.Locator("[data-testid=queue-column][data-doctor='Vikram Iyer']");
            await Assertions.Expect(column.GetByTestId("in-consultation")).ToContainTextAsync(PatientName);
            await browser.ScreenshotAsync(desk, "live-05-desk-follows");

            // Sunrise's page heard nothing of demo's day.
            at = elsewhere;
            await Assertions.Expect(elsewhere.Locator(".mud-main-content")).Not.ToContainTextAsync(PatientName);
            Assert.Equal(elsewhereBefore, await elsewhere.Locator(".mud-main-content").InnerTextAsync());
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(at, "live-failure");
            throw new InvalidOperationException($"The journey stopped at {at.Url}: {ex.Message}", ex);
        }
    }

    private Task AddDemoPatientAsync() =>
        fixture.App.InPracticeAsync("demo", db =>
        {
            db.Patients.Add(new Patient
            {
                FirstName = "Kavya", LastName = "Nair", FirstNameKey = "kavya", SearchName = "kavya nair", Mobile = "9840077123",
                IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female, DateOfBirth = new DateOnly(1991, 8, 2),
                IsActive = true, CreatedAtUtc = DateTime.UtcNow,
            });
            return db.SaveChangesAsync();
        });
}
