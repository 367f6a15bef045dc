using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Dental;

/// <summary>
/// Issue #11's journey in one visit, in Chromium on the fixed-clock app (Tuesday 10 March 2026, 09:40 in Chennai):
/// sunrise's owner (a dentist) starts a consultation; in its dental workspace he selects 16 by click and 26 by keyboard,
/// records caries with a note template, plans a restoration for both findings in the procedures panel, uploads an X-ray
/// (PNG) into the visit's files, completes the restoration (both findings show treated), then builds a treatment plan
/// with it and downloads its PDF, which names the procedure and the total. Every tooth has an accessible name; every
/// page is checked by axe. demo's owner finds none of it (the plan, the X-ray: 404 at demo's address).
/// </summary>
public sealed class DentalJourneyBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private string Sunrise => $"{fixture.BaseUrl}/t/sunrise";

    [Fact]
    public async Task A_dentist_charts_plans_films_completes_and_prints_a_restoration_in_one_visit()
    {
        var (patientId, appointmentId) = await DentalSteps.AddSunriseVisitAsync(fixture.App);
        await using var browser = await ChromiumSession.StartAsync();
        var dentist = await browser.NewPageAsync();
        await dentist.SetViewportSizeAsync(1280, 1024);
        var at = dentist;
        Task Checkpoint(string what) => ChromiumSession.AssertAccessibleAsync(at, what);
        try
        {
            await ChromiumSession.SignInAsync(dentist, Sunrise, "owner@sunrise.test", MedicalAppFactory.DemoPassword);
            await ChromiumSession.WaitForCircuitAsync(dentist);
            await Checkpoint("the dentist's home");
            await dentist.GotoAsync($"{Sunrise}/consultations/{appointmentId}");
            await ChromiumSession.WaitForCircuitAsync(dentist);
            await dentist.GetByTestId("consultation-start").ClickAsync();
            await Assertions.Expect(dentist.GetByTestId("observation-form")).ToBeVisibleAsync();
            await DentalSteps.AssertEveryToothIsNamedAsync(dentist);
            await Checkpoint("the dental workspace of a started consultation");

            await DentalSteps.SelectSixteenByClickAndTwentySixByKeyboardAsync(dentist);
            await DentalSteps.RecordCariesWithTemplateAsync(dentist, Checkpoint);
            await DentalSteps.SelectCariesObservationsAsync(dentist, 16, 26);
            var restoration = await DentalSteps.PlanRestorationForTheSelectedFindingsAsync(dentist);
            await Checkpoint("the workspace with a planned restoration");

            var xray = await DentalSteps.UploadXrayAsync(dentist, Sunrise);
            await Checkpoint("the workspace with the visit's X-ray");

            await DentalSteps.CompleteAsync(dentist, restoration);
            await Assertions.Expect(DentalSteps.Tooth(dentist, 16)).Not.ToHaveAttributeAsync("data-state", "Issue");
            await Checkpoint("the workspace after the restoration is completed");
            await browser.ScreenshotAsync(dentist, "dental-journey-01-workspace");

            var consultationId = await fixture.App.InPracticeAsync("sunrise", db => db.Consultations.AsNoTracking().Where(c => c.AppointmentId == appointmentId).Select(c => c.Id).SingleAsync());
            var saved = await fixture.App.InPracticeAsync("sunrise", async db => (
                Observations: await db.DentalObservations.AsNoTracking().Where(o => o.PatientId == patientId).ToListAsync(),
                Procedure: await db.DentalProcedures.AsNoTracking().SingleAsync(p => p.PatientId == patientId),
                Attachment: await db.DentalAttachments.AsNoTracking().SingleAsync(a => a.PatientId == patientId)));
            Assert.All(saved.Observations, o => Assert.Equal((DentalCondition.Caries, (Guid?)consultationId, true), (o.Condition, o.ConsultationId, o.TreatedAtUtc is not null)));
            Assert.Equal([16, 26], saved.Observations.Select(o => o.Tooth).Order());
            Assert.Equal((DentalProcedureStatus.Completed, (Guid?)consultationId), (saved.Procedure.Status, saved.Procedure.ConsultationId));
            Assert.Equal((AttachmentFormat.Png, (Guid?)consultationId, $"attachments/{saved.Attachment.Id}"), (saved.Attachment.Format, saved.Attachment.ConsultationId, xray));

            var planUrl = await DentalSteps.PlanAndPrintAsync(dentist, Sunrise, patientId.ToString(), "Restore the upper first molars", Checkpoint);
            await browser.ScreenshotAsync(dentist, "dental-journey-02-plan");

            // demo's owner, at demo's address: the plan, its PDF and the X-ray are not found.
            var planId = planUrl[(planUrl.LastIndexOf('/') + 1)..];
            var demo = $"{fixture.BaseUrl}/t/demo";
            var outsider = await browser.NewPageAsync();
            at = outsider;
            await ChromiumSession.SignInAsync(outsider, demo, "owner@demo.test", MedicalAppFactory.DemoPassword);
            Assert.Equal(404, (await outsider.GotoAsync($"{demo}/treatment-plans/{planId}"))!.Status);
            await Assertions.Expect(outsider.GetByTestId("plan-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(outsider.GetByText("Restore the upper first molars")).ToHaveCountAsync(0);
            await Checkpoint("sunrise's plan at demo's address");
            Assert.Equal(404, (await outsider.APIRequest.GetAsync($"{demo}/treatment-plans/{planId}/pdf")).Status);
            Assert.Equal(404, (await outsider.APIRequest.GetAsync($"{demo}/{xray}")).Status);
            await outsider.GotoAsync($"{demo}/patients/{patientId}/dental");
            await ChromiumSession.WaitForCircuitAsync(outsider);
            await Assertions.Expect(outsider.GetByTestId("dental-patient-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(outsider.GetByText("Iyengar")).ToHaveCountAsync(0);
            await Checkpoint("sunrise's patient's chart at demo's address");
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(at, "dental-journey-failure");
            throw new InvalidOperationException($"The journey stopped at {at.Url}: {ex.Message}", ex);
        }
    }
}
