using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Reminders;
using MedicalApp.Web.Services.Email;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.Reminders;

/// <summary>
/// The front desk's newer pages in Chromium on the fixed clock (Tuesday 10 March 2026, 09:40 in Chennai), one app for
/// both journeys. The demo practice's owner: a visit booked for tomorrow gets its confirmation from a scheduler round,
/// the outbox sends it, and the appointment's dialog lists it as sent; the owner sets up an SMS gateway on the
/// reminders page (the key is never shown back, only that one is saved), previews the Tamil wording, sends a test SMS
/// through a fake gateway (accepted, then refused), and sets a patient's reminder language and opt-out. Then "I forgot
/// my practice's address", the unsubscribe link, the appointment search, and sunrise's owner refused at demo's pages.
/// Each page is checked with axe.
/// </summary>
public sealed class ReminderBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private string PracticeUrl => $"{fixture.BaseUrl}/t/demo";

    [Fact]
    public async Task The_owner_sees_the_email_sent_sets_up_and_tests_the_gateway_previews_tamil_and_sets_a_patients_language_and_opt_out()
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

        // The outbox sends the confirmation (to the pickup folder): the log says so, though the message row stays as written.
        Assert.True(await fixture.App.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync() >= 1);

        await using var gateway = new FakeSmsGateway();
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
            await Assertions.Expect(row).ToHaveAttributeAsync("data-status", nameof(AppointmentMessageStatus.Sent));
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

            // The gateway: a fake one on loopback (a gateway in the clinic's own network is allowed), for the test SMS below.
            await SetValueAsync(Field(page, "sms-url"), gateway.BaseUrl + "/send?to={to}&text={message}&key={key}");
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

            // A test SMS through a gateway on loopback: accepted, then refused by the gateway, each said beside the button.
            var testSms = page.GetByTestId("test-sms");
            await SetValueAsync(Field(page, "test-sms-number"), "12345");
            await page.GetByTestId("send-test-sms").ClickAsync();
            await Assertions.Expect(testSms).ToContainTextAsync(IndianMobileNumber.ErrorMessage);
            Assert.Empty(gateway.Received);

            await SetValueAsync(Field(page, "test-sms-number"), "98400 77001");
            await page.GetByTestId("send-test-sms").ClickAsync();
            await Assertions.Expect(page.GetByTestId("test-sms-sent")).ToHaveTextAsync("The gateway accepted the test SMS to 9840077001.");
            Assert.StartsWith("/send?to=919840077001&text=Test%20message%20from%20Demo%20Family%20Clinic", Assert.Single(gateway.Received).RawUrl, StringComparison.Ordinal);
            await browser.ScreenshotAsync(page, "reminders-04-test-sms-sent");

            gateway.StatusCode = 503;
            await page.GetByTestId("send-test-sms").ClickAsync();
            await Assertions.Expect(page.GetByTestId("test-sms-alert")).ToHaveTextAsync("The test SMS was not sent. The gateway answered 503 Service Unavailable.");
            await Assertions.Expect(page.GetByTestId("test-sms-sent")).ToHaveCountAsync(0);
            await Assertions.Expect(testSms).Not.ToContainTextAsync("Exception");
            await browser.ScreenshotAsync(page, "reminders-05-test-sms-refused");

            // The patient asks for Tamil, then for no reminders at all: saved, and shown again when the form is reopened.
            await page.GotoAsync($"{PracticeUrl}/patients/{patientId}");
            await ChromiumSession.WaitForCircuitAsync(page);
            await page.GetByTestId("edit-patient").ClickAsync();
            await Assertions.Expect(page.GetByTestId("edit-patient-dialog")).ToBeVisibleAsync();
            await ChooseAsync(page, "edit-reminder-language", ReminderLanguages.Name(ReminderLanguages.Tamil));
            await SelectShowsAsync(page, "edit-reminder-language", ReminderLanguages.Name(ReminderLanguages.Tamil));
            var noReminders = page.GetByLabel("No appointment reminders (the patient asked not to get them)");
            await noReminders.CheckAsync();
            await Assertions.Expect(noReminders).ToBeCheckedAsync();
            await browser.ScreenshotAsync(page, "reminders-06-patient-language-and-opt-out");
            await page.GetByTestId("edit-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("edit-patient-dialog")).ToHaveCountAsync(0);
            var patient = await fixture.App.InPracticeAsync("demo", db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId));
            Assert.Equal((ReminderLanguages.Tamil, true), (patient.PreferredLanguage, patient.RemindersOptedOutAtUtc is not null));

            await page.ReloadAsync();
            await ChromiumSession.WaitForCircuitAsync(page);
            await page.GetByTestId("edit-patient").ClickAsync();
            await SelectShowsAsync(page, "edit-reminder-language", ReminderLanguages.Name(ReminderLanguages.Tamil));
            await Assertions.Expect(page.GetByLabel("No appointment reminders (the patient asked not to get them)")).ToBeCheckedAsync();
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(page, "reminders-failure");
            throw new InvalidOperationException($"The journey stopped at {page.Url}: {ex.Message}", ex);
        }
    }

    [Fact]
    public async Task Search_opens_a_visit_the_address_reminder_answers_alike_and_another_practices_owner_gets_none_of_demos_pages()
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(fixture.App);
        const string DemoNumber = "APT-20260311-0902";
        const string SunriseNumber = "APT-20260311-0903";
        var (demoId, lakshmi) = await fixture.App.InPracticeAsync("demo", async db =>
        {
            var location = await db.DoctorProfiles.Where(d => d.Id == vikram).SelectMany(d => d.Locations).Select(l => l.ClinicLocationId).FirstAsync();
            return (db.RequirePracticeId(), await AddVisitAsync(db, "Lakshmi", "Narayanan", "9840077002", vikram, location, DemoNumber));
        });
        // A namesake at sunrise: sunrise's search finds theirs, and only theirs.
        await fixture.App.InPracticeAsync("sunrise", async db =>
            await AddVisitAsync(db, "Lakshmi", "Rao", "9840077003", await db.DoctorProfiles.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync(),
                await db.ClinicLocations.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync(), SunriseNumber));

        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var at = page;
        try
        {
            // "I forgot my practice's address": the page, an address, and the answer that tells nobody whether it has an account.
            await page.GotoAsync($"{fixture.BaseUrl}/forgot-address");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Find your practice's address" })).ToBeVisibleAsync();
            await ChromiumSession.AssertAccessibleAsync(page, "forgot-address");
            await page.FillAsync("#Input\\.Email", "reception@demo.test");
            await page.GetByTestId("forgot-address-send").ClickAsync();
            await Assertions.Expect(page.GetByTestId("forgot-address-sent")).ToHaveTextAsync(
                "If reception@demo.test belongs to a MedicalApp account, we have emailed it the addresses of its practices.");
            await browser.ScreenshotAsync(page, "front-desk-01-forgot-address-sent");

            // The unsubscribe link of her reminder emails: the page asks, and its button (posting beside it) stops them.
            var token = fixture.App.Services.GetRequiredService<ReminderProtection>().UnsubscribeToken(demoId, lakshmi);
            await page.GotoAsync($"{PracticeUrl}{ReminderEndpoints.UnsubscribePath}?token={Uri.EscapeDataString(token)}");
            await ChromiumSession.AssertAccessibleAsync(page, "unsubscribe, asking");
            await page.GetByRole(AriaRole.Button, new() { Name = "Stop reminders" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You will not receive appointment reminders from Demo Family Clinic any more.");
            await browser.ScreenshotAsync(page, "front-desk-01b-unsubscribed");
            Assert.NotNull(await fixture.App.InPracticeAsync("demo", db => db.Patients.Where(p => p.Id == lakshmi).Select(p => p.RemindersOptedOutAtUtc).SingleAsync()));

            // Reception finds the visit by the patient's name and by its number, and opens it.
            await ChromiumSession.SignInAsync(page, PracticeUrl, "reception@demo.test", MedicalAppFactory.DemoPassword);
            await page.GotoAsync($"{PracticeUrl}/appointments/search");
            await ChromiumSession.WaitForCircuitAsync(page);
            var search = Field(page, "appointment-search");
            var open = page.GetByRole(AriaRole.Button, new() { Name = $"Open {DemoNumber}" });
            await SetValueAsync(search, "lakshmi narayanan");
            await Assertions.Expect(open).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("search-count")).ToContainTextAsync("1 appointment from");
            await browser.ScreenshotAsync(page, "front-desk-02-search-by-name");
            await SetValueAsync(search, DemoNumber);
            await Assertions.Expect(page.GetByTestId("search-count")).ToContainTextAsync("1 appointment from");
            await open.ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog).ToContainTextAsync(DemoNumber);
            await Assertions.Expect(dialog).ToContainTextAsync("Lakshmi Narayanan");
            await browser.ScreenshotAsync(page, "front-desk-03-search-opens-the-visit");

            // Sunrise's owner, signed in at sunrise: demo's search, reminder settings and practice settings (with the
            // waiting-room display's link) ask for demo's own sign-in and show nothing of demo.
            var outsider = await browser.NewPageAsync();
            at = outsider;
            await ChromiumSession.SignInAsync(outsider, $"{fixture.BaseUrl}/t/sunrise", "owner@sunrise.test", MedicalAppFactory.DemoPassword);
            foreach (var path in new[] { "appointments/search", "settings/reminders", "settings" })
            {
                await outsider.GotoAsync($"{PracticeUrl}/{path}");
                await outsider.WaitForURLAsync("**/t/demo/Account/Login**");
                await Assertions.Expect(outsider.GetByTestId("settings-waiting-display")).ToHaveCountAsync(0);
                await Assertions.Expect(outsider.GetByTestId("reminder-settings")).ToHaveCountAsync(0);
                await Assertions.Expect(outsider.Locator("body")).Not.ToContainTextAsync("Narayanan");
                await ChromiumSession.AssertAccessibleAsync(outsider, $"another practice's member at demo's {path}");
            }

            // Sunrise's own search lists its own Lakshmi and never demo's, by name or by demo's number.
            await outsider.GotoAsync($"{fixture.BaseUrl}/t/sunrise/appointments/search");
            await ChromiumSession.WaitForCircuitAsync(outsider);
            var sunriseSearch = Field(outsider, "appointment-search");
            await SetValueAsync(sunriseSearch, "lakshmi");
            await Assertions.Expect(outsider.GetByRole(AriaRole.Button, new() { Name = $"Open {SunriseNumber}" })).ToBeVisibleAsync();
            await Assertions.Expect(outsider.GetByTestId("search-count")).ToContainTextAsync("1 appointment from");
            await Assertions.Expect(outsider.Locator(".mud-main-content")).Not.ToContainTextAsync("Narayanan");
            await browser.ScreenshotAsync(outsider, "front-desk-04-sunrise-search-its-own");
            await SetValueAsync(sunriseSearch, DemoNumber);
            await Assertions.Expect(outsider.GetByTestId("search-none")).ToBeVisibleAsync();
            await Assertions.Expect(outsider.GetByTestId("search-count")).ToContainTextAsync("0 appointments from");
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(at, "front-desk-pages-failure");
            throw new InvalidOperationException($"The journey stopped at {at.Url}: {ex.Message}", ex);
        }
    }

    /// <summary>A patient of the practice in <paramref name="db"/> with a visit on Wednesday 11 March at 11:00 (Chennai).</summary>
    private static async Task<Guid> AddVisitAsync(MedicalApp.Data.MedicalDbContext db, string firstName, string lastName, string mobile, Guid doctor, Guid location, string number)
    {
        var patient = new Patient
        {
            FirstName = firstName, LastName = lastName, FirstNameKey = firstName.ToLowerInvariant(), SearchName = $"{firstName} {lastName}".ToLowerInvariant(),
            Mobile = mobile, IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female, DateOfBirth = new DateOnly(1979, 4, 5),
            IsActive = true, CreatedAtUtc = AppointmentFixture.Now.UtcDateTime,
        };
        var start = AppointmentFixture.Utc(AppointmentFixture.Wednesday, 11);
        db.Appointments.Add(new Appointment
        {
            Number = number, Patient = patient, DoctorProfileId = doctor, ClinicLocationId = location, StartsAtUtc = start, EndsAtUtc = start.AddMinutes(15),
            Status = AppointmentStatus.Scheduled, CreatedAtUtc = AppointmentFixture.Now.UtcDateTime.AddMinutes(-5),
        });
        await db.SaveChangesAsync();
        return patient.Id;
    }

    /// <summary>Waits until the MudSelect shows <paramref name="text"/> as its value (the choice is committed, not only clicked).</summary>
    private static Task SelectShowsAsync(IPage page, string testId, string text) =>
        page.WaitForFunctionAsync(
            // The test id is on the select's input or on its wrapper (as Field says); the text is the input's value or shown beside it.
            """
            ([id, text]) => [...document.querySelectorAll(`[data-testid=${id}]`)].some(el =>
                el.value === text || el.innerText?.includes(text) || [...el.querySelectorAll('input')].some(i => i.value === text))
            """,
            new[] { testId, text });
}
