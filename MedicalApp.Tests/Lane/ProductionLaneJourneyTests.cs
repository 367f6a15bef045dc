using System.Globalization;
using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;
using MimeKit;

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
public sealed partial class ProductionLaneJourneyTests(ProductionLaneApp app) : IClassFixture<ProductionLaneApp>
{
    [Fact]
    public async Task Register_confirm_add_a_doctor_who_signs_in_register_a_family_and_book()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var violations = new List<string>();
        var owner = await NewPageAsync(browser, violations);
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var registration = new OwnerRegistration($"Sunrise Lane Clinic {suffix}", "Dr. Anil Kumar", $"anil-{suffix}@sunrise-lane.test", "coconut rain in june");

        // Register → confirm from the mail → land signed in on http://{slug}.localhost:{port}/.
        var practiceUrl = await RegistrationSteps.RegisterAsync(browser, owner, app.BaseUrl, registration, to => app.Smtp.WaitForMessageToAsync(to), "lane-01");
        Assert.Equal(app.PracticeUrl($"sunrise-lane-clinic-{suffix}"), practiceUrl);
        await browser.ScreenshotAsync(owner, "lane-02-registered-home");

        // Invite a doctor → the doctor joins from the mailed link and signs in.
        var doctorEmail = $"kavya-{suffix}@sunrise-lane.test";
        await AddDoctorAsync(browser, owner, practiceUrl, "Dr. Kavya Menon", doctorEmail);
        var doctor = await NewPageAsync(browser, violations);
        await DoctorSignsInFromInvitationAsync(browser, doctor, practiceUrl, doctorEmail, await app.Smtp.WaitForMessageToAsync(doctorEmail));
        await Assertions.Expect(doctor.GetByText("Welcome, Dr. Kavya Menon.")).ToBeVisibleAsync();

        // The doctor's weekly hours at the practice's location: Monday to Friday, 09:00–13:00.
        var (doctorId, locationId) = await DoctorSetsWeekdayHoursAsync(browser, doctor, practiceUrl, registration.PracticeName);

        // Register a family → book its primary member with the doctor next Monday at 09:00.
        var patientId = await RegisterFamilyAsync(browser, owner, practiceUrl);
        await BookAsync(browser, owner, practiceUrl, patientId, doctorId, locationId);

        // Registering again with the owner's email: the same answer as for a new one, and a mail with the practice's address.
        var again = await NewPageAsync(browser, violations);
        await RegistrationSteps.SubmitFormAsync(again, app.BaseUrl, registration with { Password = "another long passphrase" });
        await Assertions.Expect(again.GetByTestId("registration-check-inbox")).ToContainTextAsync(registration.Email);
        var reminder = (await app.Smtp.WaitForMessagesToAsync(registration.Email, 2))[1];
        Assert.Equal("Your MedicalApp account", reminder.Subject);
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

    private static async Task<IPage> NewPageAsync(ChromiumSession browser, List<string> violations)
    {
        var page = await browser.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>The owner invites a doctor on the Staff page; the invitation is listed as pending until accepted.</summary>
    private static async Task AddDoctorAsync(ChromiumSession browser, IPage owner, string practiceUrl, string name, string email)
    {
        await owner.GotoAsync($"{practiceUrl}/staff");
        await ChromiumSession.WaitForCircuitAsync(owner);
        await owner.GetByTestId("add-member").ClickAsync();
        await ChromiumSession.SetValueAsync(owner.Locator("#member-name"), name);
        await ChromiumSession.SetValueAsync(owner.Locator("#member-email"), email);
        await owner.GetByRole(AriaRole.Checkbox, new() { Name = "Doctor", Exact = true }).CheckAsync();
        await ChromiumSession.SetValueAsync(owner.GetByLabel("Registration number (medical council)"), "KMC 4411");
        await ChromiumSession.SetValueAsync(owner.GetByLabel("Specializations (comma separated)"), "General Medicine");
        await browser.ScreenshotAsync(owner, "lane-03-invite-doctor");
        await owner.GetByTestId("save-member").ClickAsync();
        var pending = owner.GetByTestId("invitations-table").Locator("tr").Filter(new() { HasText = email });
        await Assertions.Expect(pending).ToContainTextAsync("Pending");
    }

    /// <summary>
    /// The doctor opens the mailed invitation link (at the practice's own address, from Email:PublicBaseUrl and the
    /// host strategy), chooses a password and lands signed in at the practice.
    /// </summary>
    private static async Task DoctorSignsInFromInvitationAsync(ChromiumSession browser, IPage doctor, string practiceUrl, string email, MimeMessage invitation)
    {
        var acceptLink = AcceptLink().Match(invitation.TextBody ?? "").Value;
        Assert.StartsWith($"{practiceUrl}/Account/AcceptInvitation?token=", acceptLink, StringComparison.Ordinal);

        await doctor.GotoAsync(acceptLink);
        await Assertions.Expect(doctor.GetByTestId("invitation-summary")).ToContainTextAsync("Doctor");
        await doctor.FillAsync("#NewPerson\\.Password", "kite flying in january");
        await doctor.FillAsync("#NewPerson\\.ConfirmPassword", "kite flying in january");
        await doctor.GetByTestId("accept-invitation").ClickAsync();
        await doctor.WaitForURLAsync($"{practiceUrl}/");
        await browser.ScreenshotAsync(doctor, "lane-04-doctor-home");

        // And signs in again later with that password, as every working day.
        await doctor.Context.ClearCookiesAsync();
        await ChromiumSession.SignInAsync(doctor, practiceUrl, email, "kite flying in january");
    }

    private static async Task<(string DoctorId, string LocationId)> DoctorSetsWeekdayHoursAsync(ChromiumSession browser, IPage doctor, string practiceUrl, string locationName)
    {
        await doctor.GotoAsync($"{practiceUrl}/doctors/me");
        await doctor.WaitForURLAsync(new Regex($"^{Regex.Escape(practiceUrl)}/doctors/[0-9a-f-]{{36}}$"));
        var doctorId = doctor.Url.Split('/').Last();
        await ChromiumSession.WaitForCircuitAsync(doctor);
        await doctor.GetByRole(AriaRole.Tab, new() { Name = "Where and when" }).ClickAsync();
        await doctor.GetByLabel(locationName, new() { Exact = true }).CheckAsync();
        var week = doctor.Locator("[data-testid^=week-]").First;
        var locationId = (await week.GetAttributeAsync("data-testid"))!["week-".Length..];
        await week.GetByRole(AriaRole.Button, new() { Name = $"Add hours on Monday at {locationName}" }).ClickAsync();
        await Assertions.Expect(week.Locator("input").First).ToHaveValueAsync("09:00");
        await week.GetByTestId("copy-monday").ClickAsync();
        await doctor.GetByTestId("save-schedule").ClickAsync();
        await Assertions.Expect(doctor.GetByText("Locations and weekly hours were saved.")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(doctor, "lane-05-doctor-hours");
        return (doctorId, locationId);
    }

    private static async Task<string> RegisterFamilyAsync(ChromiumSession browser, IPage owner, string practiceUrl)
    {
        await owner.GotoAsync($"{practiceUrl}/patients/new");
        await ChromiumSession.WaitForCircuitAsync(owner);
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(owner, "primary-first-name"), "Venkat");
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(owner, "primary-last-name"), "Raman");
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(owner, "primary-mobile"), "98765 12345");
        await owner.GetByTestId("primary-gender").GetByText("Male", new() { Exact = true }).ClickAsync();
        await owner.GetByTestId("primary-age-only").ClickAsync();
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(owner, "primary-age"), "46");
        await owner.GetByTestId("next").ClickAsync();
        await owner.GetByTestId("add-member").ClickAsync();
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(owner, "member-0-first-name"), "Lakshmi");
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(owner, "member-0-last-name"), "Venkat");
        await ChromiumSession.ChooseAsync(owner, "member-0-relationship", "Spouse");
        await owner.GetByTestId("member-0-gender").GetByText("Female", new() { Exact = true }).ClickAsync();
        await owner.GetByTestId("member-0-age-only").ClickAsync();
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(owner, "member-0-age"), "41");
        await owner.GetByTestId("next").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("review-table")).ToContainTextAsync("Lakshmi Venkat");
        await owner.GetByTestId("save-registration").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("patient-name")).ToHaveTextAsync("Venkat Raman");
        await Assertions.Expect(owner.GetByTestId("family-members")).ToContainTextAsync("Lakshmi Venkat");
        await browser.ScreenshotAsync(owner, "lane-06-family");
        return owner.Url.Split('/').Last();
    }

    private static async Task BookAsync(ChromiumSession browser, IPage owner, string practiceUrl, string patientId, string doctorId, string locationId)
    {
        // Next Monday in the practice's time zone: a working day of the doctor's, and never in the past.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Practice.DefaultTimeZoneId)).DateTime);
        var daysToMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var monday = today.AddDays(daysToMonday == 0 ? 7 : daysToMonday);
        var date = monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await owner.GotoAsync($"{practiceUrl}/appointments/book?patientId={patientId}&doctorId={doctorId}&locationId={locationId}&date={date}");
        await ChromiumSession.WaitForCircuitAsync(owner);
        await Assertions.Expect(owner.GetByTestId("patient-chosen")).ToContainTextAsync("Venkat Raman");
        await owner.Locator("[data-testid=slot][data-time='09:00']").ClickAsync();
        await ChromiumSession.SetValueAsync(owner.GetByLabel("Reason for the visit (optional)"), "Annual check-up");
        await owner.GetByTestId("book").ClickAsync();
        // Numbered by the day of booking (APT-YYYYMMDD-NNNN per practice and day): the practice's first.
        await Assertions.Expect(owner.GetByTestId("booked-alert")).ToContainTextAsync(new Regex(@"Booked APT-\d{8}-0001: Mon \d{1,2} \w{3} 09:00 with Dr\. Kavya Menon"));
        await browser.ScreenshotAsync(owner, "lane-07-booked");
    }

    [GeneratedRegex(@"https?://\S+/Account/AcceptInvitation\?token=[A-Za-z0-9_-]{43}")]
    private static partial Regex AcceptLink();
}
