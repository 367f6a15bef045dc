using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MedicalApp.Tests.Printing;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Registration;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Lane;

/// <summary>
/// The front desk in the product as deployed (the production lane: the published app in Production on PostgreSQL as
/// the application role under row-level security, no seed, CSP on, practices on <c>{slug}.localhost</c>). A newly
/// registered practice whose owner practises, with the typical hours registration offers (and Sunday evenings, so
/// the journey has hours today whatever the day), invites a receptionist. With the owner-doctor's home page open on
/// the first server, the receptionist, on a second server of the same deployment, registers a family, books it for
/// today and checks it in: token T-01. The doctor's page shows the booking and then the token without a reload: the
/// change notices crossed servers through PostgreSQL (pg_notify with the commit, LISTEN on the doctor's server). The token slip behind the queue's link is a PDF naming the token and the doctor. The owner makes
/// the waiting-room display's link; a signed-out screen opens it and shows the token without the patient's name, and
/// shows it as "Now" by itself when the doctor calls the patient in; a wrong key is not found. Axe checks every page on
/// the way; not a single Content Security Policy violation.
/// </summary>
[Trait("Lane", "Production")]
[Collection(ProductionLaneCollection.Name)]
public sealed class ProductionLaneFrontDeskTests(ProductionLaneApp app)
{
    private const string DoctorName = "Dr. Farah Siddiqui";
    private const string PatientName = "Venkat Raman";

    [Fact]
    public async Task Reception_books_today_and_checks_in_the_doctors_open_page_shows_the_token_and_so_does_the_display()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var violations = new List<string>();
        var owner = await LaneSteps.NewPageAsync(browser, violations);
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var registration = new OwnerRegistration($"Banyan Front Desk Clinic {suffix}", DoctorName, $"farah-{suffix}@banyan-lane.test",
            "tamarind shade at noon", "General Medicine", TypicalHours.MonSatLongMorningAndEvening);
        var practiceUrl = await RegistrationSteps.RegisterAsync(browser, owner, app.BaseUrl, registration, to => app.Smtp.WaitForMessageToAsync(to), "lane-fd-01");

        // Today, in a zone where it is daytime now (08:00–16:00): the 17:00 slot is still to come whenever the lane runs.
        var zone = LaneSteps.DaytimeZone(DateTimeOffset.UtcNow);
        await LaneSteps.SetTimeZoneAsync(browser, owner, practiceUrl, zone.Id, "lane-fd-02-time-zone");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        // Registration's hours run Monday to Saturday, 09:00–13:00 and 17:00–21:00; Sunday evenings make every day a working day.
        var (doctorId, locationId) = await LaneSteps.DoctorAddsEveningHoursAsync(
            browser, owner, practiceUrl, registration.PracticeName, DayOfWeek.Sunday, "lane-fd-03-hours");

        var receptionistEmail = $"joseph-{suffix}@banyan-lane.test";
        await LaneSteps.AddReceptionistAsync(browser, owner, practiceUrl, "Joseph D'Souza", receptionistEmail, "lane-fd-04-invite-receptionist");
        var reception = await LaneSteps.NewPageAsync(browser, violations);
        await LaneSteps.MemberSignsInFromInvitationAsync(browser, reception, practiceUrl, receptionistEmail, "Receptionist",
            await app.Smtp.WaitForMessageToAsync(receptionistEmail), "lane-fd-05-receptionist-home");

        // The desk works on a second server of the deployment (as behind a load balancer), the doctor on the first: the
        // doctor's page hears the desk's changes only through PostgreSQL (pg_notify with the commit, the first server's
        // LISTEN). The session cookie is the same deployment's, read with the keys both servers share.
        await using var secondServer = await app.StartSecondServerAsync();
        var deskUrl = secondServer.PracticeUrl(new Uri(practiceUrl).Host.Split('.')[0]);
        await reception.GotoAsync($"{deskUrl}/");
        await Assertions.Expect(reception.GetByText("Welcome, Joseph D'Souza.")).ToBeVisibleAsync();

        // The owner-doctor's home page stays open from here on; a mark on its window shows it was never reloaded.
        await owner.GotoAsync($"{practiceUrl}/");
        await ChromiumSession.WaitForCircuitAsync(owner);
        await Assertions.Expect(owner.GetByTestId("next-patient")).ToContainTextAsync("No patient is waiting or booked from now on.");
        await owner.EvaluateAsync("() => { window.laneOpenSinceBeforeCheckIn = true; }");

        var patientId = await LaneSteps.RegisterFamilyAsync(browser, reception, deskUrl, "lane-fd-06-family");
        var booked = await LaneSteps.BookAsync(reception, deskUrl, patientId, PatientName, doctorId, locationId, today, "17:00", "Fever since yesterday");
        var number = $"APT-{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-0001";
        await Assertions.Expect(booked).ToContainTextAsync(new Regex($@"Booked {PatientName} with {Regex.Escape(DoctorName)} on .+ at 17:00 \({number}\)"));
        await browser.ScreenshotAsync(reception, "lane-fd-07-booked-today");

        var doctorQueue = owner.GetByTestId("doctor-queue");
        var doctorRow = doctorQueue.Locator($"[data-testid=queue-row][data-patient='{PatientName}']");
        await Assertions.Expect(doctorRow).ToBeVisibleAsync();
        await Assertions.Expect(doctorRow.GetByTestId("queue-token")).ToHaveTextAsync("");

        // Check-in at the desk: Arrived, with the doctor's first token of the day.
        await reception.GotoAsync($"{deskUrl}/reception");
        await ChromiumSession.WaitForCircuitAsync(reception);
        var column = reception.Locator($"[data-testid=queue-column][data-doctor='{DoctorName}']");
        var notArrived = column.GetByTestId("not-arrived").Filter(new() { HasText = PatientName });
        await Assertions.Expect(notArrived).ToContainTextAsync(number);
        await notArrived.GetByTestId("check-in").ClickAsync();
        var waiting = column.GetByTestId("waiting");
        await Assertions.Expect(waiting.GetByTestId("token")).ToHaveTextAsync(["T-01"]);
        await Assertions.Expect(column.GetByTestId("not-arrived")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(reception, "lane-fd-08-checked-in");

        // The doctor's page, open all along, follows the desk.
        await Assertions.Expect(doctorRow.GetByTestId("queue-token")).ToHaveTextAsync("T-01");
        await Assertions.Expect(owner.GetByTestId("next-patient")).ToContainTextAsync($"{PatientName} (T-01)");
        Assert.True(await owner.EvaluateAsync<bool>("() => window.laneOpenSinceBeforeCheckIn === true"), "The doctor's home page was reloaded.");
        await browser.ScreenshotAsync(owner, "lane-fd-09-doctor-home-live");

        // The token slip behind the queue's "Print slip" link, fetched by the page itself with the receptionist's session
        // (Chromium resolves *.localhost; Playwright's own HTTP client does not).
        var slipHref = await waiting.GetByTestId("print-slip").GetAttributeAsync("href");
        Assert.Matches("appointments/[0-9a-f-]{36}/token-slip$", slipHref);
        var slip = await FetchAsync(reception, slipHref!);
        Assert.Equal(200, slip.Status);
        Assert.Equal("application/pdf", slip.ContentType);
        var pdf = slip.Body;
        Directory.CreateDirectory(ChromiumSession.ScreenshotFolder);
        await File.WriteAllBytesAsync(Path.Combine(ChromiumSession.ScreenshotFolder, "lane-fd-10-token-slip.pdf"), pdf);
        using (var read = new PdfReadBack(pdf))
        {
            var text = string.Join("\n", read.PageTexts());
            Assert.Contains("T-01", text, StringComparison.Ordinal);
            Assert.Contains(DoctorName, text, StringComparison.Ordinal);
        }

        // The waiting-room display: its link made in settings, opened on a signed-out screen.
        var link = await OwnerMakesTheDisplayLinkAsync(browser, owner, practiceUrl);
        var screen = await LaneSteps.NewPageAsync(browser, violations);
        await screen.GotoAsync(link);
        await ChromiumSession.WaitForCircuitAsync(screen);
        // The display's screen is signed out: the slip is not for it (it is sent to the sign-in page).
        Assert.NotEqual("application/pdf", (await FetchAsync(screen, slipHref!)).ContentType);
        var display = screen.GetByTestId("waiting-display");
        var doctorOnDisplay = display.Locator($"[data-testid=display-doctor][data-doctor='{DoctorName}']");
        await Assertions.Expect(doctorOnDisplay.GetByTestId("display-next-token")).ToHaveTextAsync(["T-01"]);
        // Names are off until the practice switches them on.
        await Assertions.Expect(display).Not.ToContainTextAsync("Venkat");
        await Assertions.Expect(display).Not.ToContainTextAsync("Raman");
        await browser.ScreenshotAsync(screen, "lane-fd-12-waiting-display");

        // The screen follows the day by itself: the doctor calls the patient in from the home page, and T-01 is "Now".
        await owner.GotoAsync($"{practiceUrl}/");
        await ChromiumSession.WaitForCircuitAsync(owner);
        await doctorRow.GetByTestId("start").ClickAsync();
        await owner.WaitForURLAsync($"{practiceUrl}/consultations/**");
        await ChromiumSession.WaitForCircuitAsync(owner);
        await browser.ScreenshotAsync(owner, "lane-fd-13-consultation");
        await Assertions.Expect(doctorOnDisplay.GetByTestId("display-now")).ToContainTextAsync("T-01");
        await Assertions.Expect(doctorOnDisplay.GetByTestId("display-next-token")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(screen, "lane-fd-14-display-now");

        var wrongKey = await screen.GotoAsync(link[..^4] + (link.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
        Assert.Equal(404, wrongKey!.Status);
        await Assertions.Expect(screen.GetByTestId("display-not-found")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(screen, "lane-fd-15-display-not-found");

        Assert.Empty(violations);
    }

    private sealed record Fetched(int Status, string? ContentType, byte[] Body);

    /// <summary>GETs <paramref name="href"/> (relative to the page's base) from inside the page, with its cookies.</summary>
    private static async Task<Fetched> FetchAsync(IPage page, string href)
    {
        var fetched = await page.EvaluateAsync<JsonElement>("""
            async href => {
                const response = await fetch(new URL(href, document.baseURI));
                const bytes = new Uint8Array(await response.arrayBuffer());
                let binary = '';
                for (const b of bytes) binary += String.fromCharCode(b);
                return { status: response.status, type: response.headers.get('content-type'), body: btoa(binary) };
            }
            """, href);
        return new Fetched(fetched.GetProperty("status").GetInt32(), fetched.GetProperty("type").GetString(),
            Convert.FromBase64String(fetched.GetProperty("body").GetString()!));
    }

    private static async Task<string> OwnerMakesTheDisplayLinkAsync(ChromiumSession browser, IPage owner, string practiceUrl)
    {
        await owner.GotoAsync($"{practiceUrl}/settings");
        await ChromiumSession.WaitForCircuitAsync(owner);
        var panel = owner.GetByTestId("settings-waiting-display");
        await panel.GetByTestId("display-link-create").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("display-link-made")).ToBeVisibleAsync();
        var field = ChromiumSession.Field(owner, "display-link");
        // At the practice's own address (the host strategy), with a key of 32 random bytes.
        await Assertions.Expect(field).ToHaveValueAsync(new Regex($"^{Regex.Escape(practiceUrl)}/display/[A-Za-z0-9_-]{{43}}$"));
        await browser.ScreenshotAsync(owner, "lane-fd-11-display-link");
        return await field.InputValueAsync();
    }
}
