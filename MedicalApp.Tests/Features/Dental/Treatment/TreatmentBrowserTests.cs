using MedicalApp.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.Dental.Treatment;

/// <summary>
/// Dental treatment in Chromium: Sunrise's owner (a dental doctor) selects a caries finding of a patient, plans a
/// composite filling for it and a cleaning, starts and completes the filling (the finding becomes treated and the
/// timeline shows it done), builds a plan with it, proposes it and downloads its PDF; /treatments lists the patient
/// for the cleaning still planned. The owner of demo finds none of it at demo's address (404) and is sent to sign in
/// at Sunrise's. Every page visited is checked by axe.
/// </summary>
public sealed class TreatmentBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    private string SunriseUrl => $"{fixture.BaseUrl}/t/sunrise";

    private string DemoUrl => $"{fixture.BaseUrl}/t/demo";

    [Fact]
    public async Task A_dental_doctor_plans_and_completes_a_procedure_builds_a_plan_prints_it_and_another_practice_sees_none_of_it()
    {
        var (patientId, patientName, observationId) = await PatientWithCariesAsync();
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await ChromiumSession.SignInAsync(page, SunriseUrl, "owner@sunrise.test", MedicalAppFactory.DemoPassword);
            await ChromiumSession.WaitForCircuitAsync(page);
            await ChromiumSession.AssertAccessibleAsync(page, "the dental doctor's home");

            await page.GotoAsync($"{SunriseUrl}/patients/{patientId}/treatment");
            await ChromiumSession.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId("treatment-patient")).ToContainTextAsync(patientName);
            await ChromiumSession.AssertAccessibleAsync(page, "the patient's treatment page");

            // The finding selected: its tooth fills the procedure's teeth, and the procedure treats it.
            await page.Locator("[data-testid=finding-select] input, input[data-testid=finding-select]").First.CheckAsync();
            await Assertions.Expect(Field(page, "procedure-teeth")).ToHaveValueAsync("36");
            await Assertions.Expect(page.GetByTestId("procedure-treats")).ToContainTextAsync("Treats 1 selected observation");
            await ChooseAsync(page, "procedure-code", "D2391 · Composite restoration, posterior, one surface");
            // The panel's own state has the code (the select's menu closes on its own time): only then plan.
            await Assertions.Expect(page.GetByTestId("procedure-price")).ToHaveTextAsync("Practice price for D2391: ₹1,500");
            await page.GetByTestId("procedure-plan").ClickAsync();
            var filling = page.GetByTestId("procedure-row").Filter(new() { HasText = "Composite restoration, posterior, one surface" });
            await Assertions.Expect(filling.GetByTestId("procedure-status")).ToHaveTextAsync("Planned");

            await ChooseAsync(page, "procedure-code", "D1110 · Prophylaxis (cleaning), adult");
            await Assertions.Expect(page.GetByTestId("procedure-price")).ToHaveTextAsync("Practice price for D1110: ₹1,200");
            await SetValueAsync(Field(page, "procedure-teeth"), "");
            await page.GetByTestId("procedure-plan").ClickAsync();
            var cleaning = page.GetByTestId("procedure-row").Filter(new() { HasText = "Prophylaxis (cleaning), adult" });
            await Assertions.Expect(cleaning.GetByTestId("procedure-status")).ToHaveTextAsync("Planned");

            await filling.GetByTestId("procedure-inprogress").ClickAsync();
            await Assertions.Expect(filling.GetByTestId("procedure-status")).ToHaveTextAsync("In progress");
            await filling.GetByTestId("procedure-completed").ClickAsync();
            await Assertions.Expect(filling.GetByTestId("procedure-status")).ToHaveTextAsync("Completed");
            await Assertions.Expect(page.GetByTestId("timeline-completed")).ToContainTextAsync("Composite restoration, posterior, one surface (36)");
            await Assertions.Expect(page.GetByTestId("finding-row").Filter(new() { HasText = "Caries" })).ToContainTextAsync("Treated");
            await ChromiumSession.AssertAccessibleAsync(page, "the treatment page after completing a procedure");
            Assert.NotNull(await fixture.App.InPracticeAsync("sunrise", db => db.DentalObservations.Where(o => o.Id == observationId).Select(o => o.TreatedAtUtc).SingleAsync()));

            // A plan with the filling, proposed, then printed.
            await SetValueAsync(Field(page, "plan-title"), "Restore the lower left molar");
            await page.GetByTestId("plan-create").ClickAsync();
            await page.WaitForURLAsync("**/treatment-plans/**");
            await ChromiumSession.WaitForCircuitAsync(page);
            var planUrl = page.Url;
            await Assertions.Expect(page.GetByTestId("plan-heading")).ToHaveTextAsync("Restore the lower left molar");
            await ChooseAsync(page, "plan-add-procedure", "Composite restoration, posterior, one surface (36) · ₹1,500");
            await page.GetByTestId("plan-add").ClickAsync();
            await Assertions.Expect(page.GetByTestId("plan-item")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("plan-total")).ToHaveTextAsync("₹1,500");
            await ChromiumSession.AssertAccessibleAsync(page, "a draft treatment plan");
            await page.GetByTestId("plan-propose").ClickAsync();
            await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Proposed");
            await ChromiumSession.AssertAccessibleAsync(page, "a proposed treatment plan");
            var pdf = await page.APIRequest.GetAsync($"{planUrl}/pdf");
            Assert.Equal(200, pdf.Status);
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
            Assert.Equal("%PDF"u8.ToArray(), (await pdf.BodyAsync())[..4]);

            // The cleaning is still planned: the patient is in treatment.
            await page.GotoAsync($"{SunriseUrl}/treatments");
            await ChromiumSession.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId("treatments-patient").Filter(new() { HasText = patientName })).ToHaveCountAsync(1);
            await ChromiumSession.AssertAccessibleAsync(page, "patients in treatment");
            await page.GotoAsync($"{SunriseUrl}/settings/dental-prices");
            await ChromiumSession.WaitForCircuitAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=price-row][data-code=D2391]")).ToContainTextAsync("₹1,500");
            await ChromiumSession.AssertAccessibleAsync(page, "the dental prices");

            // Demo's owner: at demo's address the plan and the patient are not found; at Sunrise's, no session.
            var planId = planUrl[(planUrl.LastIndexOf('/') + 1)..];
            var outsider = await browser.NewPageAsync();
            page = outsider;
            await ChromiumSession.SignInAsync(outsider, DemoUrl, "owner@demo.test", MedicalAppFactory.DemoPassword);
            var planPage = await outsider.GotoAsync($"{DemoUrl}/treatment-plans/{planId}");
            Assert.Equal(404, planPage!.Status);
            await Assertions.Expect(outsider.GetByTestId("plan-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(outsider.GetByText("Restore the lower left molar")).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(outsider, "Sunrise's plan at demo's address");
            Assert.Equal(404, (await outsider.APIRequest.GetAsync($"{DemoUrl}/treatment-plans/{planId}/pdf")).Status);
            var patientPage = await outsider.GotoAsync($"{DemoUrl}/patients/{patientId}/treatment");
            Assert.Equal(404, patientPage!.Status);
            await Assertions.Expect(outsider.GetByTestId("patient-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(outsider.GetByText(patientName)).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(outsider, "Sunrise's patient's treatment at demo's address");
            await outsider.GotoAsync($"{DemoUrl}/treatments");
            await ChromiumSession.WaitForCircuitAsync(outsider);
            await Assertions.Expect(outsider.GetByTestId("treatments-table")).ToBeVisibleAsync();
            await Assertions.Expect(outsider.GetByText(patientName)).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(outsider, "demo's treatments");
            await outsider.GotoAsync($"{SunriseUrl}/treatment-plans/{planId}");
            await outsider.WaitForURLAsync("**/t/sunrise/Account/Login**");
            await ChromiumSession.AssertAccessibleAsync(outsider, "Sunrise's plan without a Sunrise session");
            var foreignPdf = await outsider.APIRequest.GetAsync($"{SunriseUrl}/treatment-plans/{planId}/pdf", new() { MaxRedirects = 0 });
            Assert.NotEqual("application/pdf", foreignPdf.Headers.GetValueOrDefault("content-type"));
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(page, "dental-treatment-failure");
            throw new InvalidOperationException($"The journey stopped at {page.Url}: {ex.Message}", ex);
        }
    }

    /// <summary>A Sunrise patient with a caries finding on 36, recorded by the owner (the chart's own page is another part's).</summary>
    private Task<(Guid PatientId, string Name, Guid ObservationId)> PatientWithCariesAsync() =>
        fixture.App.InPracticeAsync("sunrise", async db =>
        {
            var doctor = await db.DoctorProfiles.Where(d => d.Membership!.User!.Email == "owner@sunrise.test").Select(d => d.Id).SingleAsync();
            var tag = Guid.NewGuid().ToString("N")[..6];
            var patient = new Patient
            {
                FirstName = "Lakshmi", LastName = "Dent" + tag, FirstNameKey = "lakshmi", SearchName = $"lakshmi dent{tag}", Mobile = TestPractice.NewMobile(),
                IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female, DateOfBirth = new DateOnly(1988, 4, 9), CreatedAtUtc = DateTime.UtcNow,
            };
            db.Patients.Add(patient);
            var observation = new DentalObservation
            {
                PatientId = patient.Id, DoctorProfileId = doctor, Tooth = 36, Condition = DentalCondition.Caries, Surfaces = ToothSurfaces.OcclusalIncisal,
                Severity = DentalSeverity.Moderate, RecordedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            };
            db.DentalObservations.Add(observation);
            await db.SaveChangesAsync();
            return (patient.Id, $"Lakshmi Dent{tag}", observation.Id);
        });
}
