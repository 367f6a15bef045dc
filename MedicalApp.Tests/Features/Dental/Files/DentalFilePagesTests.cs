using System.Net;
using MedicalApp.Tests.TestSupport;

namespace MedicalApp.Tests.Features.Dental.Files;

/// <summary>
/// The attachment and case-study pages as first rendered on the server: a member of Sunrise sees its patient's files,
/// builder and case study; the owner of another practice (demo) asking for those ids at their own address gets 404
/// and nothing of the patient; signed out, the pages send to sign-in.
/// </summary>
public abstract class DentalFilePagesTests(MedicalAppFactory app)
{
    private async Task<HttpClient> SignedInAsync(string slug, string email)
    {
        var client = app.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, $"/t/{slug}/Account/Login", email);
        Assert.Equal($"/t/{slug}/", MedicalAppFactory.RedirectTarget(signIn));
        return client;
    }

    [Fact]
    public async Task Sunrise_sees_its_patients_files_builder_and_case_study_and_demo_gets_404_for_them()
    {
        var records = await SunriseDentalRecords.CreateAsync(app);
        await records.UploadAsync(app, AttachmentSamples.Png(80, 60), "opg-first-visit.png");
        var caseStudy = await records.CaseStudyAsync(app, "Pit caries 46 sealed");
        var pages = new[]
        {
            $"patients/{records.PatientId}/attachments", $"patients/{records.PatientId}/case-studies", $"patients/{records.PatientId}/case-studies/new", $"case-studies/{caseStudy}",
        };
        var sunrise = await SignedInAsync("sunrise", SunriseDentalRecords.OwnerEmail);
        var demo = await SignedInAsync("demo", "owner@demo.test");

        foreach (var page in pages)
        {
            var own = await sunrise.GetAsync($"/t/sunrise/{page}");
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            var ownHtml = await MedicalAppFactory.TextAsync(own);
            Assert.Contains(records.PatientName, ownHtml, StringComparison.Ordinal);
            if (page.EndsWith("/case-studies", StringComparison.Ordinal))
            {
                Assert.Contains("Pit caries 46 sealed", ownHtml, StringComparison.Ordinal);
            }

            var stranger = await demo.GetAsync($"/t/demo/{page}");
            var html = await MedicalAppFactory.TextAsync(stranger);
            Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
            Assert.DoesNotContain(records.PatientName, html, StringComparison.Ordinal);
            Assert.DoesNotContain("opg-first-visit", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Pit caries 46", html, StringComparison.Ordinal);

            var signedOut = await app.CreateBrowserLikeClient().GetAsync($"/t/sunrise/{page}");
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }
    }

    [Fact]
    public async Task The_generator_settings_are_for_administrators_only()
    {
        var owner = await SignedInAsync("demo", "owner@demo.test");
        var doctor = await SignedInAsync("demo", "doctor@demo.test");

        var allowed = await owner.GetAsync("/t/demo/settings/case-studies");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("Send patients' names, mobile numbers and dates of birth to the model", await MedicalAppFactory.TextAsync(allowed), StringComparison.Ordinal);
        var refused = await doctor.GetAsync("/t/demo/settings/case-studies");
        Assert.DoesNotContain("Send patients' names", await MedicalAppFactory.TextAsync(refused), StringComparison.Ordinal);
    }
}

public sealed class SqliteDentalFilePagesTests(SqliteAppFixture fixture)
    : DentalFilePagesTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresDentalFilePagesTests(PostgresAppFixture fixture)
    : DentalFilePagesTests(fixture.App), IClassFixture<PostgresAppFixture>;
