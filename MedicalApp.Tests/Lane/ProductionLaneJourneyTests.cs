using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Lane;

/// <summary>
/// The main journeys against the product as deployed (the production lane of scripts/test.sh): the published app in
/// Production, on PostgreSQL as the application role under row-level security from the first request, no seeding,
/// practices on <c>{slug}.localhost</c>, mail through SMTP. A clinic's first day: the owner registers and confirms from
/// the mailed link, lands signed in on the practice's own address, invites a doctor; the doctor joins from the mailed
/// invitation link, signs in and sets the weekly hours; the owner registers a family and books it an appointment with the doctor.
/// Not a single Content Security Policy violation on the way.
/// </summary>
[Trait("Lane", "Production")]
[Collection(ProductionLaneCollection.Name)]
public sealed class ProductionLaneJourneyTests(ProductionLaneApp app)
{
    [Fact]
    public async Task Register_confirm_add_a_doctor_who_signs_in_register_a_family_and_book()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var violations = new List<string>();
        var owner = await LaneSteps.NewPageAsync(browser, violations);
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var registration = new OwnerRegistration($"Sunrise Lane Clinic {suffix}", "Dr. Anil Kumar", $"anil-{suffix}@sunrise-lane.test", "coconut rain in june");

        // Register → confirm from the mail → land signed in on http://{slug}.localhost:{port}/.
        var practiceUrl = await RegistrationSteps.RegisterAsync(browser, owner, app.BaseUrl, registration, to => app.Smtp.WaitForMessageToAsync(to), "lane-01");
        Assert.Equal(app.PracticeUrl($"sunrise-lane-clinic-{suffix}"), practiceUrl);
        await browser.ScreenshotAsync(owner, "lane-02-registered-home");

        // Invite a doctor → the doctor joins from the mailed link and signs in.
        var doctorEmail = $"kavya-{suffix}@sunrise-lane.test";
        await LaneSteps.AddDoctorAsync(browser, owner, practiceUrl, "Dr. Kavya Menon", doctorEmail, "KMC 4411", "lane-03-invite-doctor");
        var doctor = await LaneSteps.NewPageAsync(browser, violations);
        await LaneSteps.DoctorSignsInFromInvitationAsync(browser, doctor, practiceUrl, doctorEmail, await app.Smtp.WaitForMessageToAsync(doctorEmail), "lane-04-doctor-home");
        await Assertions.Expect(doctor.GetByText("Welcome, Dr. Kavya Menon.")).ToBeVisibleAsync();

        // The doctor's weekly hours at the practice's location: Monday to Friday, 09:00–13:00.
        var (doctorId, locationId) = await LaneSteps.DoctorSetsWeekdayHoursAsync(browser, doctor, practiceUrl, registration.PracticeName, "lane-05-doctor-hours");

        // Register a family → book its primary member with the doctor next Monday at 09:00.
        var patientId = await LaneSteps.RegisterFamilyAsync(browser, owner, practiceUrl, "lane-06-family");
        await BookAsync(browser, owner, practiceUrl, patientId, doctorId, locationId);

        // Registering again with the owner's email: the same answer as for a new one, and a mail with the practice's address.
        var again = await LaneSteps.NewPageAsync(browser, violations);
        await RegistrationSteps.SubmitFormAsync(again, app.BaseUrl, registration with { Password = "another long passphrase" });
        await Assertions.Expect(again.GetByTestId("registration-check-inbox")).ToContainTextAsync(registration.Email);
        // The confirmation link, the welcome with the practice's address, and now this answer.
        var reminder = Assert.Single(await app.Smtp.WaitForMessagesToAsync(registration.Email, 3), m => m.Subject == "Your MedicalApp account");
        Assert.Contains($"{practiceUrl}/Account/Login", reminder.TextBody, StringComparison.Ordinal);

        Assert.Empty(violations);
    }

    [Fact]
    public async Task As_deployed_it_answers_only_its_domain_with_its_security_headers_and_is_ready()
    {
        using var client = new HttpClient();
        var ready = await client.GetAsync($"{app.BaseUrl}/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);

        var landing = await client.GetAsync($"{app.BaseUrl}/");
        Assert.Equal(System.Net.HttpStatusCode.OK, landing.StatusCode);
        var policy = string.Join(" ", landing.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("form-action 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'nonce-", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", landing.Headers.GetValues("X-Frame-Options").Single());

        // AllowedHosts unset in production: the root domain and its subdomains only.
        using var foreign = new HttpRequestMessage(HttpMethod.Get, $"{app.BaseUrl}/health/live");
        foreign.Headers.Host = $"evil.example:{app.Port}";
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.SendAsync(foreign)).StatusCode);
        using var unknownPractice = new HttpRequestMessage(HttpMethod.Get, $"{app.BaseUrl}/");
        unknownPractice.Headers.Host = $"no-such-practice.localhost:{app.Port}";
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.SendAsync(unknownPractice)).StatusCode);
    }

    private static async Task BookAsync(ChromiumSession browser, IPage owner, string practiceUrl, string patientId, string doctorId, string locationId)
    {
        // Next Monday in the practice's time zone: a working day of the doctor's, and never in the past.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Practice.DefaultTimeZoneId)).DateTime);
        var daysToMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var monday = today.AddDays(daysToMonday == 0 ? 7 : daysToMonday);
        var booked = await LaneSteps.BookAsync(owner, practiceUrl, patientId, "Venkat Raman", doctorId, locationId, monday, "09:00", "Annual check-up");
        // Numbered by the visit's day (APT-YYYYMMDD-NNNN per practice and day): the practice's first; the patient is named.
        await Assertions.Expect(booked).ToContainTextAsync(new Regex(@"Booked Venkat Raman with Dr\. Kavya Menon on Mon \d{1,2} \w{3} at 09:00 \(APT-\d{8}-0001\)"));
        await browser.ScreenshotAsync(owner, "lane-07-booked");
    }

}
