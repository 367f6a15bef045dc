using MedicalApp.Tests.Features.Dental;
using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Lane;

/// <summary>
/// The dental journey in the product as deployed (the production lane: the published app in Production on PostgreSQL
/// as the application role under row-level security, no seed, CSP on). A newly registered practice whose owner
/// practises dentistry sees a registered patient at once ("See now"); in the visit's dental workspace she charts caries
/// on 16 and 26 with the standard note template every new practice gets, plans a restoration for both findings,
/// uploads an X-ray and downloads it back, completes the restoration, and prints a treatment plan with it (PdfPig reads
/// the procedure and the total out of the PDF the published app drew). Not a single Content Security Policy violation
/// on the way.
/// </summary>
[Trait("Lane", "Production")]
[Collection(ProductionLaneCollection.Name)]
public sealed class ProductionLaneDentalTests(ProductionLaneApp app)
{
    [Fact]
    public async Task A_new_dental_practice_charts_plans_films_completes_and_prints_a_restoration()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var violations = new List<string>();
        var dentist = await LaneSteps.NewPageAsync(browser, violations);
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var registration = new OwnerRegistration($"Pearl Dental Studio {suffix}", "Dr. Kavya Menon", $"kavya-{suffix}@pearl-dental.test", "molars under the monsoon", "Dentistry");
        var practiceUrl = await RegistrationSteps.RegisterAsync(browser, dentist, app.BaseUrl, registration, to => app.Smtp.WaitForMessageToAsync(to), "lane-dental-01");

        // A visit is started today only, and a walk-in must fit in the practice's day (as in the prescription journey).
        await LaneSteps.SetTimeZoneAsync(browser, dentist, practiceUrl, LaneSteps.DaytimeZone(DateTimeOffset.UtcNow).Id, "lane-dental-02-time-zone");
        await LaneSteps.DoctorSetsWeekdayHoursAsync(browser, dentist, practiceUrl, registration.PracticeName, "lane-dental-03-hours");
        var patientId = await LaneSteps.RegisterFamilyAsync(browser, dentist, practiceUrl, "lane-dental-04-family");

        await dentist.GotoAsync($"{practiceUrl}/patients/{patientId}");
        await ChromiumSession.WaitForCircuitAsync(dentist);
        await dentist.GetByTestId("see-now").ClickAsync();
        await dentist.WaitForURLAsync($"{practiceUrl}/consultations/**");
        await ChromiumSession.WaitForCircuitAsync(dentist);
        await Assertions.Expect(dentist.GetByTestId("observation-form")).ToBeVisibleAsync();
        await DentalSteps.AssertEveryToothIsNamedAsync(dentist);
        await browser.ScreenshotAsync(dentist, "lane-dental-05-workspace");

        Task Checkpoint(string what) => browser.ScreenshotAsync(dentist, "lane-dental-" + string.Join('-', what.Split(' ')));
        await DentalSteps.SelectSixteenByClickAndTwentySixByKeyboardAsync(dentist);
        await DentalSteps.RecordCariesWithTemplateAsync(dentist, Checkpoint);
        await DentalSteps.SelectCariesObservationsAsync(dentist, 16, 26);
        var restoration = await DentalSteps.PlanRestorationForTheSelectedFindingsAsync(dentist);
        await DentalSteps.UploadXrayAsync(dentist, practiceUrl);
        await DentalSteps.CompleteAsync(dentist, restoration);
        await browser.ScreenshotAsync(dentist, "lane-dental-06-completed");

        await DentalSteps.PlanAndPrintAsync(dentist, practiceUrl, patientId, "Restore the upper first molars", Checkpoint);

        Assert.Empty(violations);
    }
}
