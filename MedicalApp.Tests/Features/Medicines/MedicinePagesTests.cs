using System.Net;
using System.Text;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Medicines;

namespace MedicalApp.Tests.Features.Medicines;

/// <summary>
/// The medicines and short-keys pages and the import template over HTTP (the first, prerendered GET) in the seeded demo
/// practice: who may open which, what the buttons offer, and that a member of another practice gets nothing of demo's.
/// The live pages are covered by the browser tests.
/// </summary>
public sealed class MedicinePagesTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private MedicalAppFactory App => fixture.App;

    [Fact]
    public async Task Reception_looks_at_the_medicines_but_is_offered_no_change_and_no_short_keys()
    {
        var reception = await SignedInAsync("reception@demo.test");

        var medicines = await reception.GetAsync("/t/demo/medicines");
        var html = await MedicalAppFactory.TextAsync(medicines);
        var shortKeys = await reception.GetAsync("/t/demo/short-keys");
        var template = await reception.GetAsync($"/t/demo/{MedicineEndpoints.TemplatePath}");

        Assert.Equal(HttpStatusCode.OK, medicines.StatusCode);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("medicines-table", html, StringComparison.Ordinal);
        Assert.DoesNotContain("add-medicine", html, StringComparison.Ordinal);
        Assert.DoesNotContain("import-medicines", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, shortKeys.StatusCode);
        Assert.StartsWith("/t/demo/Account/AccessDenied", MedicalAppFactory.RedirectTarget(shortKeys), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, template.StatusCode);
    }

    [Fact]
    public async Task A_doctor_may_add_import_and_download_the_template()
    {
        var doctor = await SignedInAsync("doctor@demo.test");

        var html = await MedicalAppFactory.TextAsync(await doctor.GetAsync("/t/demo/medicines"));
        var template = await doctor.GetAsync($"/t/demo/{MedicineEndpoints.TemplatePath}");
        var bytes = await template.Content.ReadAsByteArrayAsync();

        Assert.Contains("add-medicine", html, StringComparison.Ordinal);
        Assert.Contains("import-medicines", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("text/csv", template.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith(MedicineCsv.Header + "\r\n", Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
        Assert.Null(MedicineCsv.Read(bytes).Problem); // the template imports as it is
    }

    [Fact]
    public async Task A_member_of_another_practice_gets_nothing_of_demos_medicines_or_short_keys()
    {
        var tag = MedicineTestData.NewTag();
        var asha = await App.InPracticeAsync("demo", db => Task.FromResult(db.PracticeMemberships.Where(m => m.User!.Email == "owner@demo.test").Select(m => m.UserId).Single()));
        await App.InPracticeAsync("demo", async db =>
        {
            db.ShortKeys.Add(new ShortKey { Code = $"DEMO{tag.ToUpperInvariant()[2..]}", Name = $"Demo key {tag}", IsShared = true, CreatedByUserId = asha, CreatedAtUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var demoDoctor = await SignedInAsync("doctor@demo.test");
        Assert.Contains($"Demo key {tag}", await MedicalAppFactory.TextAsync(await demoDoctor.GetAsync("/t/demo/short-keys")), StringComparison.Ordinal);

        var sunrise = await SignedInAsync("owner@sunrise.test");
        foreach (var path in new[] { "/t/demo/medicines", "/t/demo/short-keys", $"/t/demo/{MedicineEndpoints.TemplatePath}" })
        {
            var response = await sunrise.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/t/demo/Account/Login", MedicalAppFactory.RedirectTarget(response), StringComparison.Ordinal);
        }

        // At their own address they see their own practice's keys, not demo's.
        var own = await sunrise.GetAsync("/t/sunrise/short-keys");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.DoesNotContain($"Demo key {tag}", await MedicalAppFactory.TextAsync(own), StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = App.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, $"/t/{email.Split('@')[1].Split('.')[0]}/Account/Login", email);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }
}
