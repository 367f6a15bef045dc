using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Services.Audit;

namespace MedicalApp.Tests.Features.Dental.Files;

/// <summary>
/// <c>GET /attachments/{id}</c> and its thumbnail over HTTP in the real app, on both databases: members of the practice
/// get the file with the type its content was recognised as, never cached, never sniffed, inline for pictures and PDF
/// and as a download for DICOM; signed-out visitors are sent to sign in; another practice's id is not found.
/// </summary>
public abstract class AttachmentEndpointTests(MedicalAppFactory app)
{
    private static string FilePath(string slug, Guid id, bool thumbnail = false) => $"/t/{slug}/attachments/{id}" + (thumbnail ? "/thumbnail" : "");

    private async Task<HttpClient> SignedInAsync(string slug, string email)
    {
        var client = app.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, $"/t/{slug}/Account/Login", email);
        Assert.Equal($"/t/{slug}/", MedicalAppFactory.RedirectTarget(signIn));
        return client;
    }

    private static void AssertPrivate(HttpResponseMessage response)
    {
        Assert.True(response.Headers.CacheControl is { NoStore: true, Private: true }, $"Cache-Control was “{response.Headers.CacheControl}”.");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Members_get_each_file_with_its_detected_type_privately_inline_or_as_a_download_for_dicom()
    {
        var records = await SunriseDentalRecords.CreateAsync(app);
        var png = AttachmentSamples.Png(400, 300);
        var samples = new (byte[] Content, string Name, string Type, string Disposition)[]
        {
            (png, "opg.jpg", "image/png", "inline"),
            (AttachmentSamples.Pdf(), "report.pdf", "application/pdf", "inline"),
            (AttachmentSamples.Dicom(), "bitewing.dcm", "application/dicom", "attachment"),
        };
        var owner = await SignedInAsync("sunrise", SunriseDentalRecords.OwnerEmail);

        foreach (var sample in samples)
        {
            var id = await records.UploadAsync(app, sample.Content, sample.Name);

            var response = await owner.GetAsync(FilePath("sunrise", id));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(sample.Type, response.Content.Headers.ContentType?.MediaType);
            AssertPrivate(response);
            Assert.Equal(sample.Disposition, response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(sample.Name, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal(sample.Content, await response.Content.ReadAsByteArrayAsync());
            var thumbnail = await owner.GetAsync(FilePath("sunrise", id, thumbnail: true));
            if (sample.Type == "image/png")
            {
                Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
                Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
                AssertPrivate(thumbnail);
                Assert.True(AttachmentSamples.IsJpeg(await thumbnail.Content.ReadAsByteArrayAsync()));
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, thumbnail.StatusCode);
            }
        }

        var opened = (await app.AuditEventsAsync("sunrise")).Where(e => e.Action == AuditActions.DentalAttachmentViewed && e.EntityId == records.PatientId.ToString()).ToList();
        Assert.Equal(3, opened.Count);
        Assert.All(opened, e => Assert.Equal((nameof(Patient), SunriseDentalRecords.OwnerEmail), (e.EntityType, e.UserEmail)));
    }

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_sign_in_and_gets_no_file()
    {
        var records = await SunriseDentalRecords.CreateAsync(app);
        var id = await records.UploadAsync(app, AttachmentSamples.Png(60, 60), "x.png");

        foreach (var path in new[] { FilePath("sunrise", id), FilePath("sunrise", id, thumbnail: true) })
        {
            var response = await app.CreateBrowserLikeClient().GetAsync(path);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/t/sunrise/Account/Login", MedicalAppFactory.RedirectTarget(response)!, StringComparison.Ordinal);
            Assert.NotEqual("image/png", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_member_of_another_practice_gets_not_found_for_its_ids_and_nothing_is_recorded()
    {
        var records = await SunriseDentalRecords.CreateAsync(app);
        var id = await records.UploadAsync(app, AttachmentSamples.Png(60, 60), "x.png");
        var demoOwner = await SignedInAsync("demo", "owner@demo.test");

        foreach (var path in new[] { FilePath("demo", id), FilePath("demo", id, thumbnail: true), FilePath("demo", Guid.NewGuid()) })
        {
            var response = await demoOwner.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("image/png", response.Content.Headers.ContentType?.MediaType);
        }

        // Their cookie belongs to /t/demo: at Sunrise's address they are not signed in at all.
        var there = await demoOwner.GetAsync(FilePath("sunrise", id));
        Assert.Equal(HttpStatusCode.Redirect, there.StatusCode);
        Assert.DoesNotContain(await app.AuditEventsAsync("demo"), e => e.Action == AuditActions.DentalAttachmentViewed);
        Assert.DoesNotContain(await app.AuditEventsAsync("sunrise"), e => e.Action == AuditActions.DentalAttachmentViewed && e.UserEmail == "owner@demo.test");
    }

    [Fact]
    public async Task A_case_studys_pdf_is_private_to_its_practice_and_each_print_is_audited()
    {
        var records = await SunriseDentalRecords.CreateAsync(app);
        var id = await records.CaseStudyAsync(app);
        var path = $"/t/sunrise/case-studies/{id}/pdf";

        var response = await (await SignedInAsync("sunrise", SunriseDentalRecords.OwnerEmail)).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        AssertPrivate(response);
        using (var pdf = new MedicalApp.Tests.Printing.PdfReadBack(await response.Content.ReadAsByteArrayAsync()))
        {
            Assert.Contains("Occlusal caries 46", pdf.PageText(1), StringComparison.Ordinal);
        }

        Assert.Single(await app.AuditEventsAsync("sunrise"), e => e.Action == AuditActions.CaseStudyPrinted && e.EntityId == records.PatientId.ToString());
        var signedOut = await app.CreateBrowserLikeClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var stranger = await (await SignedInAsync("demo", "owner@demo.test")).GetAsync($"/t/demo/case-studies/{id}/pdf");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.NotEqual("application/pdf", stranger.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SqliteAttachmentEndpointTests(SqliteAppFixture fixture)
    : AttachmentEndpointTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresAttachmentEndpointTests(PostgresAppFixture fixture)
    : AttachmentEndpointTests(fixture.App), IClassFixture<PostgresAppFixture>;
