using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.Dental.Files;

/// <summary>
/// Sunrise Dental Care's owner (a dental doctor) in Chromium: uploads an X-ray (PNG) onto a patient's visit, sees its
/// thumbnail, changes its caption, opens the file; composes an offline case study from the finding, the filling and
/// the X-ray, and opens its PDF. The owner of demo gets 404 for the file, the case study and its PDF, and sees none of
/// the patient. Every page visited is checked by axe.
/// </summary>
public sealed class DentalFilesBrowserTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    [Fact]
    public async Task The_dentist_uploads_an_xray_captions_it_and_builds_a_case_study_and_another_practice_finds_none_of_it()
    {
        var records = await SunriseDentalRecords.CreateAsync(fixture.App);
        var sunriseUrl = $"{fixture.BaseUrl}/t/sunrise";
        var xray = Path.Combine(Path.GetTempPath(), $"bitewing-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(xray, AttachmentSamples.Png(900, 600));
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var at = page;
        try
        {
            await ChromiumSession.SignInAsync(page, sunriseUrl, SunriseDentalRecords.OwnerEmail, MedicalAppFactory.DemoPassword);
            await page.GotoAsync($"{sunriseUrl}/patients/{records.PatientId}/attachments?consultationId={records.ConsultationId}");
            await ChromiumSession.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId("no-attachments")).ToBeVisibleAsync();
            await ChromiumSession.AssertAccessibleAsync(page, "a visit's files before the upload");

            await ChooseAsync(page, "attachment-kind", "X-ray");
            await page.GetByTestId("attachment-upload").Locator("input[type=file]").SetInputFilesAsync(xray);
            var card = page.GetByTestId("attachment");
            await Assertions.Expect(card).ToHaveCountAsync(1);
            await Assertions.Expect(card.GetByTestId("attachment-thumbnail")).ToBeVisibleAsync();
            await Assertions.Expect(card).ToContainTextAsync("X-ray");
            Assert.True(await card.GetByTestId("attachment-thumbnail").EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 320"));
            await ChromiumSession.AssertAccessibleAsync(page, "the visit's X-ray with its thumbnail");
            await browser.ScreenshotAsync(page, "dental-files-01-xray");

            await card.GetByTestId("edit-caption").ClickAsync();
            await SetValueAsync(Field(page, "caption-field"), "Bitewing, caries 46");
            await ChromiumSession.AssertAccessibleAsync(page, "the caption being edited");
            await page.GetByTestId("save-caption").ClickAsync();
            await Assertions.Expect(card.GetByTestId("attachment-caption-text")).ToHaveTextAsync("Bitewing, caries 46");

            var attachment = await fixture.App.InPracticeAsync("sunrise", db => db.DentalAttachments.AsNoTracking().SingleAsync(a => a.PatientId == records.PatientId));
            Assert.Equal(("Bitewing, caries 46", AttachmentFormat.Png, records.ConsultationId), (attachment.Caption, attachment.Format, attachment.ConsultationId));
            var href = await card.GetByTestId("attachment-open").GetAttributeAsync("href");
            Assert.Equal($"attachments/{attachment.Id}", href);
            var opened = await page.APIRequest.GetAsync($"{sunriseUrl}/{href}");
            Assert.Equal(200, opened.Status);
            Assert.Equal("image/png", opened.Headers["content-type"]);
            Assert.Equal(await File.ReadAllBytesAsync(xray), await opened.BodyAsync());

            // The case study: the finding, the filling and the X-ray, composed offline.
            await page.GotoAsync($"{sunriseUrl}/patients/{records.PatientId}/case-studies/new");
            await ChromiumSession.WaitForCircuitAsync(page);
            await SetValueAsync(Field(page, "case-study-title"), "Occlusal caries 46 restored");
            var sources = page.Locator("[data-testid=case-study-source] input[type=checkbox], input[type=checkbox][data-testid=case-study-source]");
            await Assertions.Expect(sources).ToHaveCountAsync(3);
            for (var i = 0; i < 3; i++)
            {
                await sources.Nth(i).CheckAsync();
                await Assertions.Expect(sources.Nth(i)).ToBeCheckedAsync();
            }

            await ChromiumSession.AssertAccessibleAsync(page, "the case-study builder");
            await page.GetByTestId("compose-case-study").ClickAsync();
            await page.WaitForURLAsync("**/case-studies/*");
            await ChromiumSession.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId("case-study-heading")).ToHaveTextAsync("Occlusal caries 46 restored");
            await Assertions.Expect(Field(page, "section-field-ProceduresPerformed")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Resin composite, one surface, posterior \\(D2391\\) on tooth 46"));
            await ChromiumSession.AssertAccessibleAsync(page, "the composed case study");
            await browser.ScreenshotAsync(page, "dental-files-02-case-study");
            var caseStudyId = Guid.Parse(page.Url.Split('/')[^1]);
            var pdf = await page.APIRequest.GetAsync($"{sunriseUrl}/case-studies/{caseStudyId}/pdf");
            Assert.Equal(200, pdf.Status);
            Assert.Equal("application/pdf", pdf.Headers["content-type"]);
            Assert.Equal("%PDF"u8.ToArray(), (await pdf.BodyAsync())[..4]);
            await page.GotoAsync($"{sunriseUrl}/patients/{records.PatientId}/case-studies");
            await Assertions.Expect(page.GetByTestId("case-studies").GetByRole(AriaRole.Link, new() { Name = "Occlusal caries 46 restored" })).ToBeVisibleAsync();
            await ChromiumSession.AssertAccessibleAsync(page, "the patient's case studies");

            // The generator's settings: off by default, identity sharing off.
            await page.GotoAsync($"{sunriseUrl}/settings/case-studies");
            await ChromiumSession.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId("case-study-settings")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("input[data-testid=generator-share-identity], [data-testid=generator-share-identity] input").First).Not.ToBeCheckedAsync();
            await ChromiumSession.AssertAccessibleAsync(page, "the case-study generator settings");

            // The owner of demo, at demo's address: the same ids are not found, and nothing of the patient shows.
            var outsider = await browser.NewPageAsync();
            at = outsider;
            var demoUrl = $"{fixture.BaseUrl}/t/demo";
            await ChromiumSession.SignInAsync(outsider, demoUrl, "owner@demo.test", MedicalAppFactory.DemoPassword);
            Assert.Equal(404, (await outsider.APIRequest.GetAsync($"{demoUrl}/attachments/{attachment.Id}")).Status);
            Assert.Equal(404, (await outsider.APIRequest.GetAsync($"{demoUrl}/attachments/{attachment.Id}/thumbnail")).Status);
            Assert.Equal(404, (await outsider.APIRequest.GetAsync($"{demoUrl}/case-studies/{caseStudyId}/pdf")).Status);
            await outsider.GotoAsync($"{demoUrl}/case-studies/{caseStudyId}");
            await Assertions.Expect(outsider.GetByTestId("case-study-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(outsider.GetByText("Occlusal caries 46")).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(outsider, "sunrise's case study at demo's address");
            await outsider.GotoAsync($"{demoUrl}/patients/{records.PatientId}/case-studies");
            await Assertions.Expect(outsider.GetByTestId("patient-not-found")).ToBeVisibleAsync();
            await ChromiumSession.AssertAccessibleAsync(outsider, "sunrise's patient's case studies at demo's address");
            await outsider.GotoAsync($"{demoUrl}/patients/{records.PatientId}/attachments");
            await Assertions.Expect(outsider.GetByTestId("patient-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(outsider.GetByText(records.PatientName)).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(outsider, "sunrise's patient's files at demo's address");
            await outsider.GotoAsync($"{demoUrl}/patients/{records.PatientId}/case-studies/new");
            await Assertions.Expect(outsider.GetByTestId("patient-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(outsider.GetByTestId("case-study-source")).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(outsider, "a case study for sunrise's patient at demo's address");
            // Sunrise's own generator settings: demo's owner is a stranger there and is asked to sign in.
            await outsider.GotoAsync($"{sunriseUrl}/settings/case-studies");
            await outsider.WaitForURLAsync("**/t/sunrise/Account/Login**");
            await Assertions.Expect(outsider.GetByTestId("case-study-settings")).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(outsider, "sunrise's generator settings as demo's owner");
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(at, "dental-files-failure");
            throw new InvalidOperationException($"The journey stopped at {at.Url}: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(xray);
        }
    }
}
