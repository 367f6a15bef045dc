using System.Globalization;
using System.Text.RegularExpressions;
using MedicalApp.Tests.Printing;
using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Lane;

/// <summary>
/// A prescription written and printed in the product as deployed (the production lane: the published app in
/// Production on PostgreSQL as the application role under row-level security, no seed, CSP and HSTS on). A newly
/// registered practice's doctor, invited and joined as in the main journey, sees a registered patient at once from
/// the patient's record ("See now"), types the standard short key <c>/FEVER</c> that every new practice gets,
/// finalises, and downloads the PDF. PdfPig reads the generic name in capitals and the doctor's registration number
/// out of it: the native Skia and HarfBuzz libraries and the embedded fonts work in the publish output, not only in
/// the build tree. Not a single Content Security Policy violation on the way.
/// </summary>
[Trait("Lane", "Production")]
[Collection(ProductionLaneCollection.Name)]
public sealed class ProductionLanePrescriptionTests(ProductionLaneApp app)
{
    private const string RegistrationNumber = "KMC 7720";

    [Fact]
    public async Task A_new_practices_doctor_sees_a_patient_now_writes_FEVER_finalises_and_prints_the_PDF()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var violations = new List<string>();
        var owner = await LaneSteps.NewPageAsync(browser, violations);
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var registration = new OwnerRegistration($"Lotus Lane Clinic {suffix}", "Dr. Rekha Iyer", $"rekha-{suffix}@lotus-lane.test", "monsoon kites over the bay");
        var practiceUrl = await RegistrationSteps.RegisterAsync(browser, owner, app.BaseUrl, registration, to => app.Smtp.WaitForMessageToAsync(to), "lane-rx-01");

        // A visit is started today and only today, and a walk-in must fit in the practice's day: the practice keeps
        // the time of a zone where it is daytime now, whenever the lane runs.
        var zone = LaneSteps.DaytimeZone(DateTimeOffset.UtcNow);
        await LaneSteps.SetTimeZoneAsync(browser, owner, practiceUrl, zone.Id, "lane-rx-02-time-zone");

        var doctorEmail = $"meera-{suffix}@lotus-lane.test";
        await LaneSteps.AddDoctorAsync(browser, owner, practiceUrl, "Dr. Meera Pillai", doctorEmail, RegistrationNumber, "lane-rx-03-invite-doctor");
        var doctor = await LaneSteps.NewPageAsync(browser, violations);
        await LaneSteps.DoctorSignsInFromInvitationAsync(browser, doctor, practiceUrl, doctorEmail, await app.Smtp.WaitForMessageToAsync(doctorEmail), "lane-rx-04-doctor-home");
        await LaneSteps.DoctorSetsWeekdayHoursAsync(browser, doctor, practiceUrl, registration.PracticeName, "lane-rx-05-doctor-hours");
        var patientId = await LaneSteps.RegisterFamilyAsync(browser, owner, practiceUrl, "lane-rx-06-family");

        // "See now" on the patient's record: a walk-in with the doctor, started at once; the consultation page opens.
        await doctor.GotoAsync($"{practiceUrl}/patients/{patientId}");
        await ChromiumSession.WaitForCircuitAsync(doctor);
        await doctor.GetByTestId("see-now").ClickAsync();
        await doctor.WaitForURLAsync($"{practiceUrl}/consultations/**");
        await ChromiumSession.WaitForCircuitAsync(doctor);
        await ChromiumSession.SetValueAsync(ChromiumSession.Field(doctor, "diagnosis"), "Viral fever");

        // The standard short key, by keyboard: its line (Dolo 650) takes the empty line's place.
        var search = ChromiumSession.Field(doctor, "line-medicine-search");
        await search.FocusAsync();
        await search.PressSequentiallyAsync("/FEVER");
        await Assertions.Expect(search).ToHaveValueAsync("/FEVER");
        await search.PressAsync("Enter");
        var lines = doctor.GetByTestId("medicine-line");
        await Assertions.Expect(lines).ToHaveCountAsync(1);
        await Assertions.Expect(lines.Nth(0).GetByTestId("line-medicine-chosen")).ToContainTextAsync("Dolo 650");

        // The draft is saved as the doctor writes, and the page says when in the practice's time, not the server's
        // (the published app runs on a machine in UTC; the practice's zone is hours away from it most of the day).
        var draftStatus = doctor.GetByTestId("draft-status");
        await Assertions.Expect(draftStatus).ToHaveTextAsync(new Regex(@"^Draft saved \d{2}:\d{2}:\d{2}$"));
        var savedAt = TimeOnly.ParseExact((await draftStatus.TextContentAsync())!["Draft saved ".Length..], "HH:mm:ss", CultureInfo.InvariantCulture);
        var practiceNow = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        Assert.True((practiceNow.ToTimeSpan() - savedAt.ToTimeSpan()).Duration() < TimeSpan.FromMinutes(10),
            $"The page says the draft was saved at {savedAt:HH:mm:ss}, while it is {practiceNow:HH:mm:ss} in the practice ({zone.Id}).");
        await browser.ScreenshotAsync(doctor, "lane-rx-07-consultation");

        await doctor.GetByTestId("finalise").ClickAsync();
        await doctor.WaitForURLAsync($"{practiceUrl}/prescriptions/**");
        // The practice's first prescription, numbered by its own day.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        var number = $"RX-{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-0001";
        await Assertions.Expect(doctor.GetByTestId("prescription-number")).ToHaveTextAsync(number);
        await Assertions.Expect(doctor.GetByTestId("prescription-lines")).ToContainTextAsync("PARACETAMOL");
        await browser.ScreenshotAsync(doctor, "lane-rx-08-prescription");

        // The PDF, drawn by the published app's Skia and HarfBuzz with the fonts it embeds.
        var download = await doctor.RunAndWaitForDownloadAsync(() => doctor.GetByTestId("print").ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        Directory.CreateDirectory(ChromiumSession.ScreenshotFolder);
        await File.WriteAllBytesAsync(Path.Combine(ChromiumSession.ScreenshotFolder, "lane-rx-09-prescription.pdf"), pdf);
        using var read = new PdfReadBack(pdf);
        var text = read.PageText(1);
        Assert.Contains("PARACETAMOL", text, StringComparison.Ordinal);
        Assert.Contains($"Reg. No. {RegistrationNumber}", text, StringComparison.Ordinal);
        Assert.Contains("Dr. Meera Pillai", text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);

        Assert.Empty(violations);
    }
}
