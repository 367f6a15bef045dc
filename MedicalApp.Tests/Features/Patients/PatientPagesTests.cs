using System.Net;
using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Patients;

/// <summary>
/// The patient pages over HTTP (first, prerendered GET) on the seeded practices: what each role sees, that opening a
/// record is audited once, and that a sunrise patient's id or mobile under the demo address answers "not found" and
/// never shows any of the patient's data.
/// </summary>
public abstract class PatientPagesTests(MedicalAppFactory app)
{
    [Fact]
    public async Task The_patient_page_shows_the_record_with_allergies_first_and_records_one_view()
    {
        var (ravi, mobile) = await AddFamilyAsync("demo", "Ravi", allergies: "Penicillin");
        var client = await SignedInAsync("reception@demo.test");

        var response = await client.GetAsync($"/t/demo/patients/{ravi}");
        var html = await MedicalAppFactory.TextAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ravi Testkumar", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"allergy-alert\"", html, StringComparison.Ordinal);
        Assert.Contains("Allergies:", html, StringComparison.Ordinal);
        Assert.Contains("Penicillin", html, StringComparison.Ordinal);
        Assert.Contains("Lakshmi Testkumar", html, StringComparison.Ordinal); // the family
        Assert.Contains($"families/{mobile}", html, StringComparison.Ordinal);
        Assert.Contains("edit-patient", html, StringComparison.Ordinal);
        Assert.DoesNotContain("deactivate-patient", html, StringComparison.Ordinal); // administrators only
        Assert.Contains($"href=\"appointments/book?patientId={ravi}\"", html, StringComparison.Ordinal);

        var views = (await app.AuditEventsAsync("demo")).Where(e => e.Action == AuditActions.PatientViewed && e.EntityId == ravi.ToString()).ToList();
        var view = Assert.Single(views);
        Assert.Equal(nameof(Patient), view.EntityType);
        Assert.Equal("reception@demo.test", view.UserEmail);
    }

    [Fact]
    public async Task Another_practices_patient_is_not_found_under_this_practices_address_and_nothing_of_it_shows()
    {
        var (sunrisePatient, sunriseMobile) = await AddFamilyAsync("sunrise", "Zarina", allergies: "Sulfa drugs");
        var client = await SignedInAsync("owner@demo.test");

        var page = await client.GetAsync($"/t/demo/patients/{sunrisePatient}");
        var family = await client.GetAsync($"/t/demo/families/{sunriseMobile}");
        var search = await client.GetAsync("/t/demo/patients?q=zarina");

        foreach (var response in new[] { page, family })
        {
            var html = await MedicalAppFactory.TextAsync(response);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Zarina", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Sulfa", html, StringComparison.Ordinal);
        }

        // The 404 is answered by the app's not-found page (status code pages re-execute it).
        var pageHtml = await MedicalAppFactory.TextAsync(page);
        Assert.True(pageHtml.Contains("Page not found", StringComparison.Ordinal) || pageHtml.Contains(PatientRules.NotFoundMessage, StringComparison.Ordinal));
        var searchHtml = await MedicalAppFactory.TextAsync(search);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.DoesNotContain("Zarina", searchHtml, StringComparison.Ordinal);
        Assert.DoesNotContain((await app.AuditEventsAsync("demo")), e => e.EntityId == sunrisePatient.ToString());
    }

    [Fact]
    public async Task The_list_finds_patients_and_offers_registration_to_registrars_only()
    {
        await AddFamilyAsync("demo", "Suresh");
        var nurseEmail = $"nurse-{Guid.NewGuid():N}@demo.test";
        await app.CreateMemberAsync("demo", nurseEmail, PracticeRoles.Nurse);
        var reception = await SignedInAsync("reception@demo.test");
        var nurse = await SignedInAsync(nurseEmail);

        var forReception = await MedicalAppFactory.TextAsync(await reception.GetAsync("/t/demo/patients?q=suresh"));
        var forNurse = await MedicalAppFactory.TextAsync(await nurse.GetAsync("/t/demo/patients?q=suresh"));
        var tooShort = await MedicalAppFactory.TextAsync(await nurse.GetAsync("/t/demo/patients?q=s"));

        Assert.Contains("Suresh Testkumar", forReception, StringComparison.Ordinal);
        Assert.Contains("register-patient", forReception, StringComparison.Ordinal);
        Assert.Contains("Suresh Testkumar", forNurse, StringComparison.Ordinal);
        Assert.DoesNotContain("register-patient", forNurse, StringComparison.Ordinal);
        Assert.Contains("Type at least 2 letters of a name or 3 digits of a mobile number.", tooShort, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_reads_who_accessed_a_record_and_reception_may_not()
    {
        var (ravi, _) = await AddFamilyAsync("demo", "Ravi");
        var reception = await SignedInAsync("reception@demo.test");
        await reception.GetAsync($"/t/demo/patients/{ravi}");
        await reception.GetAsync($"/t/demo/patients/{ravi}");
        await AddBookedAppointmentAsync(ravi, "reception@demo.test");
        var owner = await SignedInAsync("owner@demo.test");

        var response = await owner.GetAsync($"/t/demo/patients/{ravi}/access");
        var html = await MedicalAppFactory.TextAsync(response);
        var refused = await reception.GetAsync($"/t/demo/patients/{ravi}/access");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("Who accessed Ravi Testkumar(&#x27;|&#39;|')s record", html);
        var receptionLine = Regex.Match(html, "data-email=\"reception@demo.test\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Matches("<td>2</td>\\s*<td>1</td>", receptionLine); // two views and the booking of Ravi's appointment
        Assert.Contains("Meena Pillai", receptionLine, StringComparison.Ordinal);   // people by name, the address beneath
        Assert.Contains("Booked an appointment", html, StringComparison.Ordinal);   // actions as sentences
        Assert.Contains("Opened the access report", html, StringComparison.Ordinal); // the opening itself is listed
        Assert.DoesNotContain(">" + AuditActions.PatientAccessReportViewed, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/t/demo/Account/AccessDenied", MedicalAppFactory.RedirectTarget(refused), StringComparison.Ordinal);
        var openings = (await app.AuditEventsAsync("demo")).Where(e => e.Action == AuditActions.PatientAccessReportViewed && e.EntityId == ravi.ToString());
        Assert.Equal("owner@demo.test", Assert.Single(openings).UserEmail);
    }

    [Fact]
    public async Task Another_practices_owner_finds_no_access_report_for_this_patient()
    {
        var (ravi, _) = await AddFamilyAsync("demo", "Ravi");
        var sunrise = await SignedInAsync("owner@sunrise.test");

        var response = await sunrise.GetAsync($"/t/sunrise/patients/{ravi}/access");
        var html = await MedicalAppFactory.TextAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Ravi", html, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.AuditEventsAsync("sunrise"), e => e.EntityId == ravi.ToString());
    }

    [Fact]
    public async Task A_nurse_cannot_open_the_registration_wizard()
    {
        var nurseEmail = $"nurse-{Guid.NewGuid():N}@demo.test";
        await app.CreateMemberAsync("demo", nurseEmail, PracticeRoles.Nurse);
        var nurse = await SignedInAsync(nurseEmail);

        var response = await nurse.GetAsync("/t/demo/patients/new");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/t/demo/Account/AccessDenied", MedicalAppFactory.RedirectTarget(response), StringComparison.Ordinal);
            response = await nurse.GetAsync(response.Headers.Location);
        }

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("primary-first-name", await MedicalAppFactory.TextAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registration_wizard_and_the_family_page_open_for_reception()
    {
        var (_, mobile) = await AddFamilyAsync("demo", "Gopal");
        var reception = await SignedInAsync("reception@demo.test");

        var wizard = await reception.GetAsync("/t/demo/patients/new");
        var familyPage = await reception.GetAsync($"/t/demo/families/{mobile}");
        var familyHtml = await MedicalAppFactory.TextAsync(familyPage);

        Assert.Equal(HttpStatusCode.OK, wizard.StatusCode);
        Assert.Contains("Register a patient and family", await MedicalAppFactory.TextAsync(wizard), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, familyPage.StatusCode);
        Assert.Contains("Family of Gopal Testkumar", familyHtml, StringComparison.Ordinal);
        Assert.Contains("Lakshmi Testkumar", familyHtml, StringComparison.Ordinal);
        Assert.Contains($"patients/new?family={mobile}", familyHtml, StringComparison.Ordinal);
    }

    /// <summary>An appointment of the patient and its "booked" audit row, as the booking service writes them.</summary>
    private Task<int> AddBookedAppointmentAsync(Guid patientId, string bookedBy) => app.InPracticeAsync("demo", async db =>
    {
        var startsAt = new DateTime(2031, 1, 6, 4, 30, 0, DateTimeKind.Utc).AddMinutes(30 * Random.Shared.Next(0, 1000));
        var appointment = new Appointment
        {
            Number = $"APT-20310106-{Random.Shared.Next(1000, 9999)}", PatientId = patientId,
            DoctorProfileId = await db.DoctorProfiles.Select(d => d.Id).FirstAsync(), ClinicLocationId = await db.ClinicLocations.Select(l => l.Id).FirstAsync(),
            StartsAtUtc = startsAt, EndsAtUtc = startsAt.AddMinutes(30), Status = AppointmentStatus.Scheduled, CreatedAtUtc = DateTime.UtcNow,
        };
        db.Appointments.Add(appointment);
        db.AuditEvents.Add(new AuditEvent
        {
            Action = AuditActions.AppointmentBooked, UserId = await db.Users.Where(u => u.Email == bookedBy).Select(u => u.Id).SingleAsync(), UserEmail = bookedBy, EntityType = nameof(Appointment), EntityId = appointment.Id.ToString(),
            OccurredAtUtc = DateTime.UtcNow, Details = $"{appointment.Number} booked",
        });
        return await db.SaveChangesAsync();
    });

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, $"/t/{email.Split('@')[1].Split('.')[0]}/Account/Login", email);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>A primary member and a spouse on a fresh mobile, stored directly in the practice.</summary>
    private async Task<(Guid Primary, string Mobile)> AddFamilyAsync(string practiceSlug, string firstName, string? allergies = null)
    {
        var mobile = PatientFixture.NewMobile();
        var primary = await app.InPracticeAsync(practiceSlug, async db =>
        {
            Patient New(string first, bool isPrimary, FamilyRelationship relationship) => new()
            {
                FirstName = first, LastName = "Testkumar", FirstNameKey = first.ToLowerInvariant(), SearchName = $"{first} testkumar".ToLowerInvariant(),
                DateOfBirth = new DateOnly(1980, 1, 1), Gender = Gender.Male, Mobile = mobile, IsPrimary = isPrimary, Relationship = relationship,
                IsActive = true, CreatedAtUtc = DateTime.UtcNow,
            };
            var head = New(firstName, true, FamilyRelationship.Self);
            head.Allergies = allergies;
            db.Patients.AddRange(head, New("Lakshmi", false, FamilyRelationship.Spouse));
            await db.SaveChangesAsync();
            return head.Id;
        });
        return (primary, mobile);
    }
}

public sealed class SqlitePatientPagesTests(SqliteAppFixture fixture)
    : PatientPagesTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresPatientPagesTests(PostgresAppFixture fixture)
    : PatientPagesTests(fixture.App), IClassFixture<PostgresAppFixture>;
