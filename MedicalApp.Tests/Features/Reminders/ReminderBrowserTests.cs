using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.Reminders;

/// <summary>
/// The demo practice's owner in Chromium on the fixed clock (Tuesday 10 March 2026, 09:40 in Chennai): a visit booked
/// for tomorrow gets its confirmation from a scheduler round, and the appointment's dialog lists it; then the owner sets
/// up an SMS gateway on the reminders page (the key is never shown back, only that one is saved) and previews the
/// Tamil wording. Each page is checked with axe.
/// </summary>
public sealed class ReminderBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private string PracticeUrl => $"{fixture.BaseUrl}/t/demo";

    [Fact]
    public async Task The_owner_sees_the_delivery_log_sets_up_the_gateway_and_previews_the_tamil_wording()
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(fixture.App);
        var (patientId, number) = await fixture.App.InPracticeAsync("demo", async db =>
        {
            var location = await db.DoctorProfiles.Where(d => d.Id == vikram).SelectMany(d => d.Locations).Select(l => l.ClinicLocationId).FirstAsync();
            var patient = new Patient
            {
                FirstName = "Meena", LastName = "Sundar", FirstNameKey = "meena", SearchName = "meena sundar", Mobile = "9840077001", IsPrimary = true,
                Relationship = FamilyRelationship.Self, Gender = Gender.Female, DateOfBirth = new DateOnly(1985, 1, 2), Email = "meena@example.com",
                IsActive = true, CreatedAtUtc = AppointmentFixture.Now.UtcDateTime,
            };
            db.Patients.Add(patient);
            var start = AppointmentFixture.Utc(AppointmentFixture.Wednesday, 12, 30);
            var appointment = new Appointment
            {
                Number = "APT-20260311-0901", Patient = patient, DoctorProfileId = vikram, ClinicLocationId = location, StartsAtUtc = start,
                EndsAtUtc = start.AddMinutes(15), Status = AppointmentStatus.Scheduled, CreatedAtUtc = AppointmentFixture.Now.UtcDateTime.AddMinutes(-2),
            };
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return (patient.Id, appointment.Number);
        });
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().RunAsync();
        }

        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await ChromiumSession.SignInAsync(page, PracticeUrl, "owner@demo.test", MedicalAppFactory.DemoPassword);

            // The appointment's dialog lists the confirmation that went to the patient's email.
            await page.GotoAsync($"{PracticeUrl}/patients/{patientId}");
            await ChromiumSession.WaitForCircuitAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Open {number}" }).ClickAsync();
            var row = page.GetByRole(AriaRole.Dialog).GetByTestId("delivery-log-row");
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync("Booking confirmation");
            await Assertions.Expect(row).ToContainTextAsync("meena@example.com");
            await browser.ScreenshotAsync(page, "reminders-01-delivery-log");
            await page.GetByTestId("dialog-close").ClickAsync();

            // The reminders page: SMS through a gateway, its key saved and never shown again.
            await page.GotoAsync($"{PracticeUrl}/settings/reminders");
            await ChromiumSession.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId("reminder-settings")).ToBeVisibleAsync();
            await browser.ScreenshotAsync(page, "reminders-02-settings");
            await page.GetByLabel("Send by SMS").CheckAsync();
            await Assertions.Expect(page.GetByLabel("Send by SMS")).ToBeCheckedAsync();
            await SetValueAsync(Field(page, "sms-url"), "http://169.254.169.254/send?to={to}&text={message}&key={key}");
            await page.GetByTestId("save-reminders").ClickAsync();
            await Assertions.Expect(page.GetByTestId("reminder-settings")).ToContainTextAsync("reserved for the server's own network services");

            await SetValueAsync(Field(page, "sms-url"), "https://sms.example.in/send?to={to}&text={message}&key={key}");
            await SetValueAsync(Field(page, "sms-key"), "demo-secret-key-42");
            await page.GetByTestId("save-reminders").ClickAsync();
            await Assertions.Expect(page.GetByTestId("reminder-settings")).ToContainTextAsync("A key is saved (encrypted)");
            await Assertions.Expect(Field(page, "sms-key")).ToHaveValueAsync("");
            var saved = await fixture.App.InPracticeAsync("demo", db => db.ReminderSettings.AsNoTracking().SingleAsync());
            Assert.True(saved.SmsEnabled);
            Assert.DoesNotContain("demo-secret-key-42", saved.ProtectedSmsApiKey, StringComparison.Ordinal);

            // The Tamil wording of the SMS confirmation, previewed on sample data, with its length.
            await ChooseAsync(page, "wording-language", "Tamil (தமிழ்)");
            await Assertions.Expect(page.GetByTestId("wording-preview")).ToContainTextAsync("11 மார்ச் 2026 அன்று காலை 10:30 மணிக்கு");
            await Assertions.Expect(page.GetByTestId("wording-length")).ToContainTextAsync("Unicode characters");
            await browser.ScreenshotAsync(page, "reminders-03-tamil-wording");
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(page, "reminders-failure");
            throw new InvalidOperationException($"The journey stopped at {page.Url}: {ex.Message}", ex);
        }
    }
}
