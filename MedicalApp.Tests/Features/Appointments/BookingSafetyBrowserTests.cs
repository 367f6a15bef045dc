using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Appointments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// Booking that protects the clinic, in Chromium on the fixed clock (Tuesday 10 March 2026, 09:40 in Chennai): booking
/// Meena a second time on one day with Vikram warns with her first visit and books only after "Book anyway"; and
/// rescheduling a visit off a leave day with a "Next free" offer sets the new day and time together. Axe on each step.
/// </summary>
public sealed class BookingSafetyBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private static readonly DateOnly Wednesday = new(2026, 3, 11);
    private static readonly DateOnly Thursday = new(2026, 3, 12);

    private string PracticeUrl => $"{fixture.BaseUrl}/t/demo";

    [Fact]
    public async Task A_same_day_duplicate_is_confirmed_and_next_free_in_reschedule_sets_day_and_time()
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(fixture.App);
        var (meena, annaNagar, receptionId) = await fixture.App.InPracticeAsync("demo", async db =>
        {
            var patient = new Patient
            {
                FirstName = "Meena", LastName = "Iyer", FirstNameKey = "meena", SearchName = "meena iyer", Mobile = "9840011122", IsPrimary = true,
                Relationship = FamilyRelationship.Self, Gender = Gender.Female, DateOfBirth = new DateOnly(1985, 2, 1), IsActive = true, CreatedAtUtc = DateTime.UtcNow,
            };
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            var location = await db.ClinicLocations.Where(l => l.Name.EndsWith("Anna Nagar")).Select(l => l.Id).SingleAsync();
            var reception = await db.PracticeMemberships.Where(m => m.User!.Email == "reception@demo.test").Select(m => m.UserId).SingleAsync();
            return (patient.Id, location, reception);
        });
        var first = await fixture.App.WithPracticeServicesAsync("demo", receptionId, services =>
            services.GetRequiredService<AppointmentService>().BookAsync(meena, vikram, annaNagar, Wednesday, new TimeOnly(10, 0), null, null));
        Assert.True(first.Succeeded, string.Join(" ", first.Message));

        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await ChromiumSession.SignInAsync(page, PracticeUrl, "reception@demo.test", MedicalAppFactory.DemoPassword);

            // Meena again on Wednesday with Vikram: the warning shows her 10:00 visit, and "Book anyway" books 11:00.
            await page.GotoAsync($"{PracticeUrl}/appointments/book?patientId={meena}&doctorId={vikram}&locationId={annaNagar}&date=2026-03-11");
            await ChromiumSession.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId("patient-chosen")).ToContainTextAsync("Meena Iyer");
            await page.Locator("[data-testid=slot][data-time='11:00']").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=slot][data-time='11:00']")).ToHaveAttributeAsync("aria-pressed", "true");
            await ChromiumSession.AssertAccessibleAsync(page, "booking a second visit");
            await page.GetByTestId("book").ClickAsync();
            await Assertions.Expect(page.GetByTestId("same-day-existing")).ToContainTextAsync(first.Value!.Number!);
            await ChromiumSession.AssertAccessibleAsync(page, "same-day warning");
            await page.GetByTestId("same-day-confirm").ClickAsync();
            await Assertions.Expect(page.GetByTestId("booked-alert")).ToContainTextAsync("Booked Meena Iyer with");
            await Assertions.Expect(page.GetByTestId("booked-alert")).ToContainTextAsync("on Wed 11 Mar at 11:00 (APT-20260311-");
            Assert.Equal(2, await fixture.App.InPracticeAsync("demo", db => db.Appointments.CountAsync(a => a.PatientId == meena && a.Status == AppointmentStatus.Scheduled)));

            // A visit on Thursday, then Vikram's leave that day (written directly): its reschedule offers "Next free".
            var thursday = await fixture.App.WithPracticeServicesAsync("demo", receptionId, services =>
                services.GetRequiredService<AppointmentService>().BookAsync(meena, vikram, annaNagar, Thursday, new TimeOnly(10, 0), null, null));
            Assert.True(thursday.Succeeded, thursday.Message);
            await fixture.App.InPracticeAsync("demo", db =>
            {
                db.DoctorLeave.Add(new DoctorLeave { DoctorProfileId = vikram, Date = Thursday, Reason = "Conference" });
                return db.SaveChangesAsync();
            });
            await page.GotoAsync($"{PracticeUrl}/patients/{meena}");
            await ChromiumSession.WaitForCircuitAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Open {thursday.Value!.Number}" }).ClickAsync();
            await page.GetByTestId("action-reschedule").ClickAsync();
            await Assertions.Expect(page.GetByTestId("slot-notice")).ToContainTextAsync("on leave");
            var nextFree = page.GetByTestId("next-slot").First;
            await Assertions.Expect(nextFree).ToHaveTextAsync("Fri 13 Mar 09:00");
            await ChromiumSession.AssertAccessibleAsync(page, "reschedule with next free");
            await nextFree.ClickAsync();

            // Both set: the picker now shows Friday's times with 09:00 chosen (it is pressed only when the day is Friday and
            // the time 09:00), so the move can be confirmed, and it lands on Friday 09:00.
            await Assertions.Expect(page.Locator("[data-testid=slot][data-time='09:00']")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(page.GetByTestId("confirm-reschedule")).ToBeEnabledAsync();
            await page.GetByTestId("confirm-reschedule").ClickAsync();
            await Assertions.Expect(page.GetByTestId("reschedule-panel")).ToHaveCountAsync(0);
            var moved = await fixture.App.InPracticeAsync("demo", db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == thursday.Value.AppointmentId));
            Assert.Equal(new DateTime(2026, 3, 13, 3, 30, 0, DateTimeKind.Utc), moved.StartsAtUtc);
            Assert.Equal(thursday.Value.Number, moved.Number);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(page, "booking-safety-failure");
            throw new InvalidOperationException($"The journey stopped at {page.Url}: {ex.Message}", ex);
        }
    }
}
