using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Dental.Chart;

/// <summary>
/// The dental chart in Chromium, on the fixed-clock app (Tuesday 10 March 2026, 09:40 in Chennai): sunrise's owner, a
/// dentist, starts a consultation and finds the chart; every tooth has an accessible name; he selects 16 by click and
/// 26 by keyboard, records caries with a note template, sees two observations and adds them to the visit's findings;
/// the patient's page leads to the
/// chart with them. demo's owner finds none of it, at sunrise's address or at demo's own. Every page is checked by axe.
/// </summary>
public sealed class DentalChartBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private string Sunrise => $"{fixture.BaseUrl}/t/sunrise";

    [Fact]
    public async Task The_dentist_charts_caries_on_two_teeth_and_another_practice_sees_nothing()
    {
        var (patientId, appointmentId) = await DentalSteps.AddSunriseVisitAsync(fixture.App);
        await using var browser = await ChromiumSession.StartAsync();
        var dentist = await browser.NewPageAsync();
        await dentist.SetViewportSizeAsync(768, 1024);   // a tablet
        var at = dentist;
        try
        {
            await ChromiumSession.SignInAsync(dentist, Sunrise, "owner@sunrise.test", MedicalAppFactory.DemoPassword);
            await dentist.GotoAsync($"{Sunrise}/consultations/{appointmentId}");
            await ChromiumSession.WaitForCircuitAsync(dentist);
            await dentist.GetByTestId("consultation-start").ClickAsync();
            var form = dentist.GetByTestId("observation-form");
            await Assertions.Expect(form).ToBeVisibleAsync();

            await DentalSteps.AssertEveryToothIsNamedAsync(dentist);
            await ChromiumSession.AssertAccessibleAsync(dentist, "the dental consultation");

            await DentalSteps.SelectSixteenByClickAndTwentySixByKeyboardAsync(dentist);
            await DentalSteps.RecordCariesWithTemplateAsync(dentist, what => ChromiumSession.AssertAccessibleAsync(dentist, what));
            await ChromiumSession.AssertAccessibleAsync(dentist, "the dental consultation with two observations");
            await browser.ScreenshotAsync(dentist, "dental-01-consultation-chart");
            // Both observations into the visit's findings, saved with the consultation's own draft.
            await DentalSteps.SelectCariesObservationsAsync(dentist, 16, 26);
            await dentist.GetByTestId("insert-findings").ClickAsync();
            await Assertions.Expect(ChromiumSession.Field(dentist, "findings")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^16, 26: Caries — Occlusal caries into dentine"));
            await Assertions.Expect(dentist.GetByTestId("draft-status")).ToContainTextAsync("Draft saved");
            var findings = await fixture.App.InPracticeAsync("sunrise", db => db.Consultations.AsNoTracking().Where(c => c.AppointmentId == appointmentId).Select(c => c.Findings).SingleAsync());
            Assert.StartsWith("16, 26: Caries — Occlusal caries into dentine", findings, StringComparison.Ordinal);

            var saved = await fixture.App.InPracticeAsync("sunrise", db => db.DentalObservations.AsNoTracking().Where(o => o.PatientId == patientId).ToListAsync());
            Assert.Equal([16, 26], saved.Select(o => o.Tooth).Order());
            var consultationId = await fixture.App.InPracticeAsync("sunrise", db => db.Consultations.AsNoTracking().Where(c => c.AppointmentId == appointmentId).Select(c => c.Id).SingleAsync());
            Assert.All(saved, o => Assert.Equal((DentalCondition.Caries, (Guid?)consultationId), (o.Condition, o.ConsultationId)));

            // The patient's page leads to the chart.
            await dentist.GotoAsync($"{Sunrise}/patients/{patientId}");
            await ChromiumSession.WaitForCircuitAsync(dentist);
            await dentist.GetByTestId("dental-chart-link").ClickAsync();
            await dentist.WaitForURLAsync($"**/patients/{patientId}/dental");
            await Assertions.Expect(dentist.GetByTestId("dental-workspace")).ToBeVisibleAsync();
            await Assertions.Expect(dentist.GetByTestId("observation")).ToHaveCountAsync(2);
            await ChromiumSession.AssertAccessibleAsync(dentist, "the patient's dental chart");

            // The practice's note templates, the starter set among them.
            await dentist.GotoAsync($"{Sunrise}/dental/templates");
            await ChromiumSession.WaitForCircuitAsync(dentist);
            await Assertions.Expect(dentist.GetByTestId("templates")).ToContainTextAsync("CAR-O-MOD");
            await ChromiumSession.AssertAccessibleAsync(dentist, "the dental note templates");

            // demo's owner: sunrise's pages ask for sunrise's own sign-in; sunrise's patient at demo's address is not found.
            var outsider = await browser.NewPageAsync();
            at = outsider;
            await ChromiumSession.SignInAsync(outsider, $"{fixture.BaseUrl}/t/demo", "owner@demo.test", MedicalAppFactory.DemoPassword);
            foreach (var path in new[] { $"patients/{patientId}/dental", $"consultations/{appointmentId}", "dental/templates" })
            {
                await outsider.GotoAsync($"{Sunrise}/{path}");
                await outsider.WaitForURLAsync("**/t/sunrise/Account/Login**");
                await Assertions.Expect(outsider.Locator("[data-tooth]")).ToHaveCountAsync(0);
                await ChromiumSession.AssertAccessibleAsync(outsider, $"another practice's member at sunrise's {path}");
            }

            await outsider.GotoAsync($"{fixture.BaseUrl}/t/demo/patients/{patientId}/dental");
            await ChromiumSession.WaitForCircuitAsync(outsider);
            await Assertions.Expect(outsider.GetByTestId("dental-patient-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(outsider.Locator("[data-tooth]")).ToHaveCountAsync(0);
            await Assertions.Expect(outsider.GetByText("Lakshmi")).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(outsider, "sunrise's patient's chart at demo's address");
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(at, "dental-chart-failure");
            throw new InvalidOperationException($"The journey stopped at {at.Url}: {ex.Message}", ex);
        }
    }
}
