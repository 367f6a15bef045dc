using System.Globalization;
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
    /// <summary>The password every invited member chooses when joining.</summary>
    public const string MemberPassword = "kite flying in january";

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
    public static Task AddDoctorAsync(
        ChromiumSession browser, IPage owner, string practiceUrl, string name, string email, string registrationNumber, string screenshot) =>
        InviteAsync(browser, owner, practiceUrl, name, email, "Doctor", async () =>
        {
            await ChromiumSession.SetValueAsync(owner.GetByLabel("Registration number (medical council)"), registrationNumber);
            await ChromiumSession.SetValueAsync(owner.GetByLabel("Specializations (comma separated)"), "General Medicine");
        }, screenshot);

    /// <summary>The owner invites a receptionist on the Staff page; the invitation is listed as pending until accepted.</summary>
    public static Task AddReceptionistAsync(ChromiumSession browser, IPage owner, string practiceUrl, string name, string email, string screenshot) =>
        InviteAsync(browser, owner, practiceUrl, name, email, "Receptionist", () => Task.CompletedTask, screenshot);

    /// <summary>The Staff page's "Add member" dialog with one role ticked (and that role's own fields filled in), saved.</summary>
    private static async Task InviteAsync(
        ChromiumSession browser, IPage owner, string practiceUrl, string name, string email, string role, Func<Task> fillRoleFields, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(owner);
        await owner.GotoAsync($"{practiceUrl}/staff");
        await ChromiumSession.WaitForCircuitAsync(owner);
        await owner.GetByTestId("add-member").ClickAsync();
        await ChromiumSession.SetValueAsync(owner.Locator("#member-name"), name);
        await ChromiumSession.SetValueAsync(owner.Locator("#member-email"), email);
        await owner.GetByRole(AriaRole.Checkbox, new() { Name = role, Exact = true }).CheckAsync();
        await fillRoleFields();
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
    public static Task DoctorSignsInFromInvitationAsync(
        ChromiumSession browser, IPage doctor, string practiceUrl, string email, MimeMessage invitation, string screenshot) =>
        MemberSignsInFromInvitationAsync(browser, doctor, practiceUrl, email, "Doctor", invitation, screenshot);

    /// <summary>
    /// An invited member (invited as <paramref name="role"/>) opens the mailed invitation link, chooses a password,
    /// lands signed in at the practice, and signs in again with it as on every working day.
    /// </summary>
    public static async Task MemberSignsInFromInvitationAsync(
        ChromiumSession browser, IPage member, string practiceUrl, string email, string role, MimeMessage invitation, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(invitation);
        var acceptLink = AcceptLink().Match(invitation.TextBody ?? "").Value;
        Assert.StartsWith($"{practiceUrl}/Account/AcceptInvitation?token=", acceptLink, StringComparison.Ordinal);

        await member.GotoAsync(acceptLink);
        await Assertions.Expect(member.GetByTestId("invitation-summary")).ToContainTextAsync(role);
        await member.FillAsync("#NewPerson\\.Password", MemberPassword);
        await member.FillAsync("#NewPerson\\.ConfirmPassword", MemberPassword);
        await member.GetByTestId("accept-invitation").ClickAsync();
        await member.WaitForURLAsync($"{practiceUrl}/");
        await browser.ScreenshotAsync(member, screenshot);

        await member.Context.ClearCookiesAsync();
        await ChromiumSession.SignInAsync(member, practiceUrl, email, MemberPassword);
    }

    /// <summary>
    /// The doctor's weekly hours at the practice's registered location (named like the practice): Monday to Friday,
    /// 09:00–13:00. Returns the doctor's profile id and the location's id.
    /// </summary>
    public static async Task<(string DoctorId, string LocationId)> DoctorSetsWeekdayHoursAsync(
        ChromiumSession browser, IPage doctor, string practiceUrl, string locationName, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var (doctorId, week, locationId) = await OpenOwnWeekAsync(doctor, practiceUrl, locationName);
        await week.GetByRole(AriaRole.Button, new() { Name = $"Add hours on Monday at {locationName}" }).ClickAsync();
        await Assertions.Expect(week.Locator("input").First).ToHaveValueAsync("09:00");
        await week.GetByTestId("copy-monday").ClickAsync();
        await SaveScheduleAsync(browser, doctor, screenshot);
        return (doctorId, locationId);
    }

    /// <summary>
    /// The doctor adds evening hours, 17:00–21:00, on a <paramref name="day"/> that has no hours yet at the practice's
    /// registered location (named like the practice). Returns the doctor's profile id and the location's id.
    /// </summary>
    public static async Task<(string DoctorId, string LocationId)> DoctorAddsEveningHoursAsync(
        ChromiumSession browser, IPage doctor, string practiceUrl, string locationName, DayOfWeek day, string screenshot)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var (doctorId, week, locationId) = await OpenOwnWeekAsync(doctor, practiceUrl, locationName);
        await week.GetByRole(AriaRole.Button, new() { Name = $"Add hours on {day} at {locationName}" }).ClickAsync();
        var from = week.GetByRole(AriaRole.Textbox, new() { Name = $"{day} from, {locationName}", Exact = true });
        var until = week.GetByRole(AriaRole.Textbox, new() { Name = $"{day} until, {locationName}", Exact = true });
        await Assertions.Expect(from).ToHaveValueAsync("09:00");
        await ChromiumSession.SetValueAsync(from, "17:00");
        await ChromiumSession.SetValueAsync(until, "21:00");
        await SaveScheduleAsync(browser, doctor, screenshot);
        return (doctorId, locationId);
    }

    /// <summary>
    /// The doctor's own profile on its "Where and when" tab, working at the practice's registered location: the
    /// doctor's profile id, the location's week of hours and the location's id.
    /// </summary>
    private static async Task<(string DoctorId, ILocator Week, string LocationId)> OpenOwnWeekAsync(IPage doctor, string practiceUrl, string locationName)
    {
        ArgumentNullException.ThrowIfNull(doctor);
        await doctor.GotoAsync($"{practiceUrl}/doctors/me");
        await doctor.WaitForURLAsync(new Regex($"^{Regex.Escape(practiceUrl)}/doctors/[0-9a-f-]{{36}}$"));
        var doctorId = doctor.Url.Split('/').Last();
        await ChromiumSession.WaitForCircuitAsync(doctor);
        await doctor.GetByRole(AriaRole.Tab, new() { Name = "Where and when" }).ClickAsync();
        await doctor.GetByLabel(locationName, new() { Exact = true }).CheckAsync();
        var week = doctor.Locator("[data-testid^=week-]").First;
        var locationId = (await week.GetAttributeAsync("data-testid"))!["week-".Length..];
        return (doctorId, week, locationId);
    }

    private static async Task SaveScheduleAsync(ChromiumSession browser, IPage doctor, string screenshot)
    {
        await doctor.GetByTestId("save-schedule").ClickAsync();
        await Assertions.Expect(doctor.GetByText("Locations and weekly hours were saved.")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(doctor, screenshot);
    }

    /// <summary>
    /// Books the patient with the doctor at the location on <paramref name="date"/> at <paramref name="time"/> (a free
    /// slot, "HH:mm") on the booking page; returns the confirmation shown after booking, for the journey to read.
    /// </summary>
    public static async Task<ILocator> BookAsync(
        IPage page, string practiceUrl, string patientId, string patientName, string doctorId, string locationId, DateOnly date, string time, string reason)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"{practiceUrl}/appointments/book?patientId={patientId}&doctorId={doctorId}&locationId={locationId}" +
                             $"&date={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("patient-chosen")).ToContainTextAsync(patientName);
        await page.Locator($"[data-testid=slot][data-time='{time}']").ClickAsync();
        await ChromiumSession.SetValueAsync(page.GetByLabel("Reason for the visit (optional)"), reason);
        await page.GetByTestId("book").ClickAsync();
        return page.GetByTestId("booked-alert");
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
        // The list is searched again a moment after typing: a choice clicked in the list shown before that search is
        // undone by it, leaving the typed text (seen on a loaded machine). Choose once the list holds only matches.
        var options = owner.Locator(".mud-popover-open .mud-list-item");
        await Assertions.Expect(options.GetByText(described, new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(options.Filter(new() { HasNotText = timeZoneId })).ToHaveCountAsync(0);
        await options.GetByText(described, new() { Exact = true }).ClickAsync();
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
