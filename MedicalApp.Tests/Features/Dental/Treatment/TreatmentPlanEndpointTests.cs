using System.Net;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Dental.Procedures;
using MedicalApp.Web.Features.Dental.TreatmentPlans;
using MedicalApp.Web.Services.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Dental.Treatment;

/// <summary>
/// <c>GET /treatment-plans/{id}/pdf</c> in the real app, on both databases: members of the plan's practice (the front
/// desk included) get the PDF, privately and never stored, each print audited; nobody signed out gets it, and another
/// practice's member gets 404 at their own address with nothing recorded.
/// </summary>
public abstract class TreatmentPlanEndpointTests(MedicalAppFactory app)
{
    private static string PdfPath(string slug, Guid id) => $"/t/{slug}/treatment-plans/{id}/pdf";

    [Fact]
    public async Task Members_get_the_pdf_privately_and_each_print_is_audited_while_strangers_and_the_signed_out_get_nothing()
    {
        var (planId, patientId) = await SunrisePlanAsync();
        var reception = await app.AddMemberAsync("sunrise", PracticeRoles.Receptionist);

        foreach (var email in new[] { "owner@sunrise.test", reception.Email! })
        {
            var member = await SignedInAsync("sunrise", email);
            var response = await member.GetAsync(PdfPath("sunrise", planId));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl is { NoStore: true, Private: true }, $"Cache-Control was “{response.Headers.CacheControl}”.");
            Assert.Equal("%PDF"u8.ToArray(), (await response.Content.ReadAsByteArrayAsync())[..4]);
            var printed = Assert.Single(await app.AuditEventsAsync("sunrise"), e => e.Action == AuditActions.TreatmentPlanPrinted && e.UserEmail == email);
            Assert.Equal((nameof(Patient), patientId.ToString()), (printed.EntityType, printed.EntityId));
        }

        var signedOut = await app.CreateBrowserLikeClient().GetAsync(PdfPath("sunrise", planId));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/t/sunrise/Account/Login", MedicalAppFactory.RedirectTarget(signedOut)!, StringComparison.Ordinal);

        var stranger = await SignedInAsync("demo", "owner@demo.test");
        foreach (var id in new[] { planId, Guid.NewGuid() })
        {
            var response = await stranger.GetAsync(PdfPath("demo", id));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        }

        var atSunrise = await stranger.GetAsync(PdfPath("sunrise", planId));
        Assert.NotEqual("application/pdf", atSunrise.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(await app.AuditEventsAsync("demo"), e => e.Action == AuditActions.TreatmentPlanPrinted);
        Assert.DoesNotContain(await app.AuditEventsAsync("sunrise"), e => e.Action == AuditActions.TreatmentPlanPrinted && e.UserEmail == "owner@demo.test");
    }

    private async Task<HttpClient> SignedInAsync(string slug, string email)
    {
        var client = app.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, $"/t/{slug}/Account/Login", email);
        Assert.Equal($"/t/{slug}/", MedicalAppFactory.RedirectTarget(signIn));
        return client;
    }

    /// <summary>A plan of a new Sunrise patient with one procedure, written by the owner through the services.</summary>
    private async Task<(Guid PlanId, Guid PatientId)> SunrisePlanAsync()
    {
        Guid ownerId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            ownerId = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("owner@sunrise.test"))!.Id;
        }

        var patientId = await app.InPracticeAsync("sunrise", async db =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var patient = new Patient
            {
                FirstName = "Print", LastName = "Plan" + tag, FirstNameKey = "print", SearchName = $"print plan{tag}", Mobile = TestPractice.NewMobile(),
                IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Male, CreatedAtUtc = DateTime.UtcNow,
            };
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            return patient.Id;
        });
        var planId = await app.WithPracticeServicesAsync("sunrise", ownerId, async services =>
        {
            var procedure = await ChangeAssert.DoneAsync(services.GetRequiredService<DentalProcedureService>()
                .CreateAsync(patientId, null, new DentalProcedureInput { Code = "D7140", Teeth = [48] }));
            var plans = services.GetRequiredService<TreatmentPlanService>();
            var plan = await ChangeAssert.DoneAsync(plans.CreateAsync(patientId, "Wisdom tooth", null));
            var phase = (await services.GetRequiredService<TreatmentPlanQueries>().FindAsync(plan))!.Phases[0].Id;
            await ChangeAssert.DoneAsync(plans.AssignAsync(plan, procedure, phase, null));
            return plan;
        });
        return (planId, patientId);
    }
}

public sealed class SqliteTreatmentPlanEndpointTests(SqliteAppFixture fixture)
    : TreatmentPlanEndpointTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresTreatmentPlanEndpointTests(PostgresAppFixture fixture)
    : TreatmentPlanEndpointTests(fixture.App), IClassFixture<PostgresAppFixture>;
