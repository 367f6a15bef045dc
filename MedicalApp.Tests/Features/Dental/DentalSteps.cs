using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Dental.Files;
using MedicalApp.Tests.Printing;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Dental;

/// <summary>
/// Steps a dentist takes in the dental workspace of a consultation, shared by the browser journeys (the chart's own, the
/// whole dental journey, and the production lane's): each waits for the state it leads to before returning.
/// </summary>
public static class DentalSteps
{
    /// <summary>D2391 in the catalogue, and its standard price (the practice's unless changed).</summary>
    public const string Restoration = "Composite restoration, posterior, one surface";

    public const string RestorationPrice = "₹1,500";

    /// <summary>The workspace's chart: all 32 permanent teeth.</summary>
    public static ILocator Teeth(IPage page) => page.Locator("[data-testid=dental-chart] [data-tooth]");

    public static ILocator Tooth(IPage page, int tooth) => page.Locator($"[data-testid=dental-chart] [data-tooth='{tooth}']");

    /// <summary>Every tooth of the chart is a button whose accessible name starts with its FDI number ("16 upper right first molar…").</summary>
    public static async Task AssertEveryToothIsNamedAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var teeth = Teeth(page);
        await Assertions.Expect(teeth).ToHaveCountAsync(32);
        var names = await teeth.EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('data-tooth') + '|' + (t.getAttribute('aria-label') || '') + '|' + t.getAttribute('role'))");
        Assert.All(names, n =>
        {
            var parts = n.Split('|');
            Assert.StartsWith(parts[0] + " ", parts[1], StringComparison.Ordinal);
            Assert.Equal("button", parts[2]);
        });
    }

    /// <summary>
    /// 16 by click (which also gives it the keyboard focus), 26 by keyboard: eleven steps right along the upper arch,
    /// then Space. The observation form then names both.
    /// </summary>
    public static async Task SelectSixteenByClickAndTwentySixByKeyboardAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var sixteen = Tooth(page, 16);
        await sixteen.ClickAsync();
        await Assertions.Expect(sixteen).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(sixteen).ToBeFocusedAsync();
        for (var step = 0; step < 11; step++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        var twentySix = Tooth(page, 26);
        await Assertions.Expect(twentySix).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(twentySix).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByTestId("observation-teeth")).ToContainTextAsync("16, 26");
    }

    /// <summary>
    /// Caries on the selected teeth with the standard note template CAR-O-MOD (every practice has it), saved: one
    /// observation a tooth, 16 marked as an issue. <paramref name="checkpoint"/> runs axe on the form with the template in.
    /// </summary>
    public static async Task RecordCariesWithTemplateAsync(IPage page, Func<string, Task> checkpoint)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(checkpoint);
        await page.GetByTestId("condition-Caries").ClickAsync();
        await Assertions.Expect(page.GetByTestId("condition-Caries")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByTestId("template-CAR-O-MOD").ClickAsync();
        await Assertions.Expect(ChromiumSession.Field(page, "observation-notes")).ToHaveValueAsync(new Regex("^Occlusal caries into dentine"));
        await checkpoint("the observation form with a template");
        await page.GetByTestId("save-observation").ClickAsync();

        var observations = page.GetByTestId("observation");
        await Assertions.Expect(observations).ToHaveCountAsync(2);
        await Assertions.Expect(observations.Nth(0)).ToContainTextAsync("Caries");
        await Assertions.Expect(Tooth(page, 16)).ToHaveAttributeAsync("data-state", "Issue");
        await Assertions.Expect(Tooth(page, 16)).ToHaveAttributeAsync("aria-label", "16 upper right first molar, caries — issue");
    }

    /// <summary>Ticks the caries observations of these teeth in the workspace's list (the procedures panel and the findings follow the ticks).</summary>
    public static async Task SelectCariesObservationsAsync(IPage page, params int[] teeth)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var tooth in teeth)
        {
            var choose = page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select observation {tooth} · Caries" });
            await choose.CheckAsync();
            await Assertions.Expect(choose).ToBeCheckedAsync();
        }
    }

    /// <summary>
    /// In the workspace's procedures panel, with the caries observations of 16 and 26 ticked: a one-surface composite
    /// restoration (D2391, the practice's ₹1,500) for both teeth, treating both findings. Returns its row.
    /// </summary>
    public static async Task<ILocator> PlanRestorationForTheSelectedFindingsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var panel = page.GetByTestId("procedure-panel");
        await Assertions.Expect(ChromiumSession.Field(page, "procedure-teeth")).ToHaveValueAsync("16, 26");
        await Assertions.Expect(panel.GetByTestId("procedure-treats")).ToContainTextAsync("Treats 2 selected observations");
        await ChromiumSession.ChooseAsync(page, "procedure-code", $"D2391 · {Restoration}");
        // The panel's own state has the code (the select's menu closes on its own time): only then plan.
        await Assertions.Expect(panel.GetByTestId("procedure-price")).ToHaveTextAsync($"Practice price for D2391: {RestorationPrice}");
        await panel.GetByTestId("procedure-plan").ClickAsync();
        var row = panel.GetByTestId("procedure-row").Filter(new() { HasText = Restoration });
        await Assertions.Expect(row.GetByTestId("procedure-status")).ToHaveTextAsync("Planned");
        return row;
    }

    /// <summary>The procedure started and completed in the panel; the findings it treats show treated.</summary>
    public static async Task CompleteAsync(IPage page, ILocator row)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(row);
        await row.GetByTestId("procedure-inprogress").ClickAsync();
        await Assertions.Expect(row.GetByTestId("procedure-status")).ToHaveTextAsync("In progress");
        await row.GetByTestId("procedure-completed").ClickAsync();
        await Assertions.Expect(row.GetByTestId("procedure-status")).ToHaveTextAsync("Completed");
        foreach (var tooth in new[] { 16, 26 })
        {
            await Assertions.Expect(page.Locator($"[data-testid=observation][data-tooth='{tooth}']")).ToContainTextAsync("Treated");
        }
    }

    /// <summary>
    /// An X-ray (PNG) uploaded in the visit's files of the workspace: its card shows the thumbnail. Returns the file's
    /// address (relative to the practice) after checking it serves back the same bytes as a PNG.
    /// </summary>
    public static async Task<string> UploadXrayAsync(IPage page, string practiceUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        var png = AttachmentSamples.Png(900, 600);
        var gallery = page.GetByTestId("attachment-gallery");
        await ChromiumSession.ChooseAsync(page, "attachment-kind", "X-ray");
        // Given as bytes: a file path is read by Chromium only when the page streams it, after a temporary file might be gone.
        await gallery.GetByTestId("attachment-upload").Locator("input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = "bitewing.png", MimeType = "image/png", Buffer = png });

        var card = gallery.GetByTestId("attachment");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card).ToContainTextAsync("X-ray");
        await Assertions.Expect(card.GetByTestId("attachment-thumbnail")).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByTestId("attachment-thumbnail")).ToHaveJSPropertyAsync("naturalWidth", 320);
        var href = await card.GetByTestId("attachment-open").GetAttributeAsync("href");
        Assert.StartsWith("attachments/", href, StringComparison.Ordinal);
        var opened = await DownloadAsync(page, $"{practiceUrl}/{href}");
        Assert.Equal((200, "image/png"), (opened.Status, opened.ContentType));
        Assert.Equal(png, opened.Body);
        return href!;
    }

    /// <summary>
    /// On the patient's treatment page, a plan with the completed restoration; its page shows the total, and its PDF
    /// (200, application/pdf) says the procedure and the total. Returns the plan page's address.
    /// </summary>
    public static async Task<string> PlanAndPrintAsync(IPage page, string practiceUrl, string patientId, string title, Func<string, Task> checkpoint)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(checkpoint);
        await page.GotoAsync($"{practiceUrl}/patients/{patientId}/treatment");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("timeline-completed")).ToContainTextAsync($"{Restoration} (16, 26)");
        await checkpoint("the patient's treatment page");
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(page, "plan-title"), title);
        await page.GetByTestId("plan-create").ClickAsync();
        await page.WaitForURLAsync("**/treatment-plans/**");
        await ChromiumSession.WaitForCircuitAsync(page);
        var planUrl = page.Url;
        await Assertions.Expect(page.GetByTestId("plan-heading")).ToHaveTextAsync(title);
        await ChromiumSession.ChooseAsync(page, "plan-add-procedure", $"{Restoration} (16, 26) · {RestorationPrice}");
        await page.GetByTestId("plan-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-item")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("plan-total")).ToHaveTextAsync(RestorationPrice);
        await checkpoint("the treatment plan with the restoration");

        var pdf = await DownloadAsync(page, $"{planUrl}/pdf");
        Assert.Equal((200, "application/pdf"), (pdf.Status, pdf.ContentType));
        using var read = new PdfReadBack(pdf.Body);
        var text = string.Join("\n", read.PageTexts());
        foreach (var expected in new[] { $"Treatment plan: {title}", Restoration, "Total estimate", RestorationPrice })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        return planUrl;
    }

    /// <summary>
    /// A file fetched by the page itself, with its session and at its own origin: in the production lane a practice is
    /// at <c>{slug}.localhost</c>, which Chromium resolves and Playwright's own request client does not.
    /// </summary>
    public static async Task<(int Status, string? ContentType, byte[] Body)> DownloadAsync(IPage page, string url)
    {
        ArgumentNullException.ThrowIfNull(page);
        var fetched = await page.EvaluateAsync<FetchedFile>(
            """
            async url => {
                const response = await fetch(url);
                const bytes = new Uint8Array(await response.arrayBuffer());
                let binary = '';
                for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
                return { status: response.status, contentType: response.headers.get('content-type'), base64: btoa(binary) };
            }
            """, url);
        return (fetched.Status, fetched.ContentType, Convert.FromBase64String(fetched.Base64));
    }

    /// <summary>What the page's fetch returns (Playwright fills a class with settable properties, by name).</summary>
    private sealed class FetchedFile
    {
        public int Status { get; set; }

        public string? ContentType { get; set; }

        public string Base64 { get; set; } = "";
    }

    /// <summary>
    /// A sunrise patient (Lakshmi Iyengar) with a visit to its owner (a dentist) at 10:30 in Chennai on the fixed day
    /// of <see cref="Appointments.FixedClockKestrelFixture"/>.
    /// </summary>
    public static Task<(Guid Patient, Guid Appointment)> AddSunriseVisitAsync(MedicalAppFactory app) =>
        app.InPracticeAsync("sunrise", async db =>
        {
            // Sunrise's one doctor is its owner.
            var doctor = await db.DoctorProfiles.Select(d => d.Id).SingleAsync();
            // The practice's one location (the seed does not tie the dentist to it: its hours name "Sunrise", the location "Sunrise Dental Care").
            var location = await db.ClinicLocations.Select(l => l.Id).SingleAsync();
            var patient = new Patient
            {
                FirstName = "Lakshmi", LastName = "Iyengar", FirstNameKey = "lakshmi", SearchName = "lakshmi iyengar", Mobile = TestPractice.NewMobile(),
                IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female, DateOfBirth = new DateOnly(1986, 1, 20),
                CreatedAtUtc = DateTime.UtcNow,
            };
            db.Patients.Add(patient);
            var startsAtUtc = new DateTime(2026, 3, 10, 5, 0, 0, DateTimeKind.Utc);
            var appointment = new Appointment
            {
                Number = $"APT-20260310-{Random.Shared.Next(1000, 10000)}", Patient = patient, DoctorProfileId = doctor, ClinicLocationId = location, StartsAtUtc = startsAtUtc,
                EndsAtUtc = startsAtUtc.AddMinutes(30), Status = AppointmentStatus.Scheduled, Reason = "Pain on chewing, upper molars",
                CreatedAtUtc = DateTime.UtcNow,
            };
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return (patient.Id, appointment.Id);
        });
}
