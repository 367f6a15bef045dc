using System.Text.RegularExpressions;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Administration;
using Microsoft.Playwright;
using MimeKit;

namespace MedicalApp.Tests.Lane;

/// <summary>
/// The production lane's journeys share one published app (<see cref="ProductionLaneApp"/>): they run one after the
/// other in this collection, so the app and Chromium serve one journey at a time on a loaded machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProductionLaneCollection : ICollectionFixture<ProductionLaneApp>
{
    public const string Name = "Production lane";
}

/// <summary>
/// Steps of the lane's journeys, as the people of a newly registered practice take them in Chromium: the owner
/// invites a doctor and registers a family, the doctor joins from the mailed link and sets weekly hours. Each step
/// waits for the state it leads to; a checkpoint's screenshot (and its accessibility check) is named by the journey.
/// </summary>
public static partial class LaneSteps
{
    /// <summary>A page whose Content Security Policy violations (reported by Chromium on its console) go to <paramref name="violations"/>.</summary>
    public static async Task<IPage> NewPageAsync(ChromiumSession browser, List<string> violations)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(violations);
        var page = await browser.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        return page;
    }

    /// <summary>The owner invites a doctor on the Staff page; the invitation is listed as pending until accepted.</summary>
    public static async Task AddDoctorAsync(
        ChromiumSession browser, IPage owner, string practiceUrl, string name, string email, string registrationNumber, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(owner);
        await owner.GotoAsync($"{practiceUrl}/staff");
        await ChromiumSession.WaitForCircuitAsync(owner);
        await owner.GetByTestId("add-member").ClickAsync();
        await ChromiumSession.SetValueAsync(owner.Locator("#member-name"), name);
        await ChromiumSession.SetValueAsync(owner.Locator("#member-email"), email);
        await owner.GetByRole(AriaRole.Checkbox, new() { Name = "Doctor", Exact = true }).CheckAsync();
        await ChromiumSession.SetValueAsync(owner.GetByLabel("Registration number (medical council)"), registrationNumber);
        await ChromiumSession.SetValueAsync(owner.GetByLabel("Specializations (comma separated)"), "General Medicine");
        await browser.ScreenshotAsync(owner, screenshot);
        await owner.GetByTestId("save-member").ClickAsync();
        var pending = owner.GetByTestId("invitations-table").Locator("tr").Filter(new() { HasText = email });
        await Assertions.Expect(pending).ToContainTextAsync("Pending");
    }

    /// <summary>
    /// The doctor opens the mailed invitation link (at the practice's own address, from Email:PublicBaseUrl and the
    /// host strategy), chooses a password, lands signed in at the practice, and signs in again with it as on every
    /// working day.
    /// </summary>
    public static async Task DoctorSignsInFromInvitationAsync(
        ChromiumSession browser, IPage doctor, string practiceUrl, string email, MimeMessage invitation, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(doctor);
        ArgumentNullException.ThrowIfNull(invitation);
        var acceptLink = AcceptLink().Match(invitation.TextBody ?? "").Value;
        Assert.StartsWith($"{practiceUrl}/Account/AcceptInvitation?token=", acceptLink, StringComparison.Ordinal);

        await doctor.GotoAsync(acceptLink);
        await Assertions.Expect(doctor.GetByTestId("invitation-summary")).ToContainTextAsync("Doctor");
        await doctor.FillAsync("#NewPerson\\.Password", "kite flying in january");
        await doctor.FillAsync("#NewPerson\\.ConfirmPassword", "kite flying in january");
        await doctor.GetByTestId("accept-invitation").ClickAsync();
        await doctor.WaitForURLAsync($"{practiceUrl}/");
        await browser.ScreenshotAsync(doctor, screenshot);

        await doctor.Context.ClearCookiesAsync();
        await ChromiumSession.SignInAsync(doctor, practiceUrl, email, "kite flying in january");
    }

    /// <summary>
    /// The doctor's weekly hours at the practice's registered location (named like the practice): Monday to Friday,
    /// 09:00–13:00. Returns the doctor's profile id and the location's id.
    /// </summary>
    public static async Task<(string DoctorId, string LocationId)> DoctorSetsWeekdayHoursAsync(
        ChromiumSession browser, IPage doctor, string practiceUrl, string locationName, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(doctor);
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
        await browser.ScreenshotAsync(doctor, screenshot);
        return (doctorId, locationId);
    }

    /// <summary>The owner registers Venkat Raman (46) and his wife Lakshmi on one mobile; returns Venkat's patient id.</summary>
    public static async Task<string> RegisterFamilyAsync(ChromiumSession browser, IPage owner, string practiceUrl, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(owner);
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
        await browser.ScreenshotAsync(owner, screenshot);
        return owner.Url.Split('/').Last();
    }

    /// <summary>
    /// The owner chooses the practice's time zone in Practice settings: typed into the time zone field, picked from
    /// its list ("Europe/London (UTC+00:00)"), saved.
    /// </summary>
    public static async Task SetTimeZoneAsync(ChromiumSession browser, IPage owner, string practiceUrl, string timeZoneId, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(owner);
        await owner.GotoAsync($"{practiceUrl}/settings");
        await ChromiumSession.WaitForCircuitAsync(owner);
        var field = ChromiumSession.Field(owner, "time-zone-field");
        var described = PracticeTimeZones.Describe(timeZoneId);
        await Assertions.Expect(field).ToBeEditableAsync();
        await field.ClickAsync();
        await field.FillAsync(timeZoneId);
        await owner.Locator(".mud-popover-open .mud-list-item").GetByText(described, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(field).ToHaveValueAsync(described);
        await owner.GetByTestId("save-general").ClickAsync();
        await Assertions.Expect(owner.GetByText("Settings saved.").First).ToBeVisibleAsync();
        // The page reads the practice again after a save: the field comes back with the zone.
        await Assertions.Expect(ChromiumSession.Field(owner, "time-zone-field")).ToHaveValueAsync(described);
        await browser.ScreenshotAsync(owner, screenshot);
    }

    /// <summary>
    /// Of the zones Practice settings offers first, the one where it is nearest midday now (their offsets leave no
    /// gap wider than eight hours, so it is between 08:00 and 16:00 there).
    /// </summary>
    public static TimeZoneInfo DaytimeZone(DateTimeOffset now) =>
        PracticeTimeZones.Common.Select(TimeZoneInfo.FindSystemTimeZoneById)
            .OrderBy(zone => Math.Abs((TimeZoneInfo.ConvertTime(now, zone).TimeOfDay - TimeSpan.FromHours(12)).TotalMinutes))
            .ThenBy(zone => zone.Id, StringComparer.Ordinal)
            .First();

    [GeneratedRegex(@"https?://\S+/Account/AcceptInvitation\?token=[A-Za-z0-9_-]{43}")]
    private static partial Regex AcceptLink();
}
