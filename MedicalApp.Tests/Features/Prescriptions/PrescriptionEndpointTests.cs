using System.Net;
using System.Reflection;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.Features.Administration;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.Printing;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Features.Prescriptions;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.Features.Prescriptions;

/// <summary>
/// "Print" over HTTP in the real app, on both databases: <c>GET /prescriptions/{id}/pdf</c> answers members of the
/// practice (the front desk included) with the PDF, never cached; nobody else gets it, and another practice's
/// prescription is not found here. Each print is one audit row and nothing else, so a read-only practice still prints.
/// The PDF is read back: the doctor's registration number, the generic names in capitals, the signature or the name.
/// </summary>
public abstract class PrescriptionEndpointTests(MedicalAppFactory app)
{
    private static string PdfPath(string slug, Guid id) => $"/t/{slug}/prescriptions/{id}/pdf";

    [Fact]
    public async Task Members_get_the_pdf_privately_and_never_stored_and_each_print_is_one_audit_row()
    {
        var prescription = await VikramsPrescriptionAsync();

        foreach (var email in new[] { "owner@demo.test", "doctor@demo.test", "reception@demo.test" })
        {
            var member = await SignedInAsync("demo", email);
            var printedBefore = await PrintsAsync("demo", email);

            var response = await member.GetAsync(PdfPath("demo", prescription.Id));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl is { NoStore: true, Private: true }, $"Cache-Control was “{response.Headers.CacheControl}”.");
            Assert.Equal("%PDF"u8.ToArray(), (await response.Content.ReadAsByteArrayAsync())[..4]);
            var printed = Assert.Single(await PrintsAsync("demo", email), e => printedBefore.All(b => b.Id != e.Id));
            Assert.Equal((nameof(Patient), prescription.PatientId.ToString()), (printed.EntityType, printed.EntityId));
            Assert.Equal($"Printed {prescription.Number} (version 1).", printed.Details);
        }
    }

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_sign_in_and_gets_no_pdf()
    {
        var prescription = await VikramsPrescriptionAsync();

        var response = await app.CreateBrowserLikeClient().GetAsync(PdfPath("demo", prescription.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/t/demo/Account/Login", MedicalAppFactory.RedirectTarget(response)!, StringComparison.Ordinal);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_member_of_another_practice_signed_in_there_is_refused_at_this_practices_address()
    {
        var prescription = await VikramsPrescriptionAsync();
        var client = app.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, "/t/sunrise/Account/Login", "owner@sunrise.test");
        Assert.Equal("/t/sunrise/", MedicalAppFactory.RedirectTarget(signIn));

        // Their cookie belongs to /t/sunrise: the browser does not send it to /t/demo.
        var fetched = await client.GetAsync(PdfPath("demo", prescription.Id));
        Assert.Equal(HttpStatusCode.Redirect, fetched.StatusCode);
        Assert.StartsWith("/t/demo/Account/Login", MedicalAppFactory.RedirectTarget(fetched)!, StringComparison.Ordinal);

        // Copied by hand to demo's address, the cookie is refused: 403 (after the access-denied redirect), never the PDF.
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("MedicalApp.SignIn=", StringComparison.Ordinal)).Split(';')[0];
        var stranger = app.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, PdfPath("demo", prescription.Id));
        request.Headers.Add("Cookie", cookie);
        var copied = await stranger.SendAsync(request);
        Assert.NotEqual("application/pdf", copied.Content.Headers.ContentType?.MediaType);
        var status = copied.StatusCode == HttpStatusCode.Redirect ? (await stranger.GetAsync(copied.Headers.Location)).StatusCode : copied.StatusCode;
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain(await app.AuditEventsAsync("demo"), e => e.Action == AuditActions.PrescriptionPrinted && e.UserEmail == "owner@sunrise.test");
    }

    [Fact]
    public async Task Another_practices_prescription_or_a_draft_is_not_found_here_and_nothing_is_recorded()
    {
        var sunrise = await AddPrescriptionAsync("sunrise", "owner@sunrise.test", PrescriptionStatus.Active);
        var draft = await AddPrescriptionAsync("demo", "doctor@demo.test", PrescriptionStatus.Draft);
        var owner = await SignedInAsync("demo", "owner@demo.test");

        foreach (var id in new[] { sunrise.Id, draft.Id, Guid.NewGuid() })
        {
            var response = await owner.GetAsync(PdfPath("demo", id));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.DoesNotContain(await app.AuditEventsAsync("demo"), e => e.Action == AuditActions.PrescriptionPrinted && e.EntityId == sunrise.PatientId.ToString());
        Assert.DoesNotContain(await app.AuditEventsAsync("sunrise"), e => e.Action == AuditActions.PrescriptionPrinted && e.EntityId == sunrise.PatientId.ToString());
        // At its own address, its own practice prints it.
        var sunriseOwner = await SignedInAsync("sunrise", "owner@sunrise.test");
        Assert.Equal(HttpStatusCode.OK, (await sunriseOwner.GetAsync(PdfPath("sunrise", sunrise.Id))).StatusCode);
    }

    [Fact]
    public async Task A_read_only_practice_still_prints_and_a_print_writes_one_audit_row_and_nothing_else()
    {
        var (slug, owner) = await app.RegisterPracticeAsync("Read-only Print Clinic " + Guid.NewGuid().ToString("N")[..5], ownerPractises: true);
        var prescription = await AddPrescriptionAsync(slug, owner.Email!, PrescriptionStatus.Active);
        var client = await SignedInAsync(slug, owner.Email!);
        await EndTrialAsync(slug);
        var before = await app.InPracticeAsync(slug, RowCountsAsync);
        var practiceBefore = await app.InPracticeAsync(slug, db => db.Practices.AsNoTracking().SingleAsync(p => p.Slug == slug));

        var response = await client.GetAsync(PdfPath(slug, prescription.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var after = await app.InPracticeAsync(slug, RowCountsAsync);
        Assert.Equal(before[nameof(AuditEvent)] + 1, after[nameof(AuditEvent)]);
        before.Remove(nameof(AuditEvent));
        after.Remove(nameof(AuditEvent));
        Assert.Equal(before, after);
        Assert.Equal(practiceBefore.Version, (await app.InPracticeAsync(slug, db => db.Practices.AsNoTracking().SingleAsync(p => p.Slug == slug))).Version);
        var last = (await app.AuditEventsAsync(slug))[^1];
        Assert.Equal((AuditActions.PrescriptionPrinted, owner.Id), (last.Action, last.UserId));
    }

    [Fact]
    public async Task The_pdf_carries_the_registration_number_the_generic_names_in_capitals_and_the_signature_image_or_the_typed_name()
    {
        var prescription = await VikramsPrescriptionAsync();
        var (vikram, _) = await DemoDoctors.EnsureAsync(app);
        var vikramName = await app.InPracticeAsync("demo", db => db.DoctorProfiles.Where(d => d.Id == vikram).Select(d => d.Membership!.User!.FullName).SingleAsync());
        // Without a practice logo, an image on the page can only be the signature.
        await AsMemberAsync<PracticeSettingsService>("owner@demo.test", settings => settings.RemoveLogoAsync());
        await AsMemberAsync<DoctorSignatureService>("doctor@demo.test", signatures => signatures.RemoveAsync(vikram));
        var reception = await SignedInAsync("demo", "reception@demo.test");

        using (var unsigned = new PdfReadBack(await PdfAsync(reception, prescription.Id)))
        {
            var text = unsigned.PageText(1);
            Assert.Contains("Reg. No. " + DemoDoctors.VikramNumber, text, StringComparison.Ordinal);
            foreach (var line in prescription.Lines)
            {
                Assert.Contains(line.GenericName.ToUpperInvariant(), text, StringComparison.Ordinal);
                Assert.Contains(line.BrandName, text, StringComparison.Ordinal);
            }

            Assert.Empty(unsigned.Page(1).GetImages());
            // The letterhead and, under the line to sign by hand, the typed name.
            Assert.Equal(2, text.Split(vikramName).Length - 1);
        }

        await AsMemberAsync<DoctorSignatureService>("doctor@demo.test", signatures => signatures.UploadAsync(vikram, new MemoryStream(PrintSamples.Png(300, 100)), "signature.png"));
        using (var signed = new PdfReadBack(await PdfAsync(reception, prescription.Id)))
        {
            // Where it stands (above the name) is the document's own test; here: it is the doctor's, and it is printed.
            Assert.Single(signed.Page(1).GetImages());
            Assert.Equal(2, signed.PageText(1).Split(vikramName).Length - 1);
        }

        // A file that only starts like an image passed the upload's content check: the print leaves it out rather than fail.
        await AsMemberAsync<DoctorSignatureService>("doctor@demo.test", signatures => signatures.UploadAsync(vikram, new MemoryStream(TestImages.JpegHeader()), "broken.jpg"));
        using (var broken = new PdfReadBack(await PdfAsync(reception, prescription.Id)))
        {
            Assert.Empty(broken.Page(1).GetImages());
            Assert.Contains(vikramName, broken.PageText(1), StringComparison.Ordinal);
        }

        await AsMemberAsync<DoctorSignatureService>("doctor@demo.test", signatures => signatures.RemoveAsync(vikram));
    }

    [Fact]
    public async Task The_doctors_print_setting_decides_the_paper_and_a_cancelled_prescription_prints_marked_with_its_reason()
    {
        var prescription = await VikramsPrescriptionAsync();
        var (vikram, _) = await DemoDoctors.EnsureAsync(app);
        var cancelled = await AddPrescriptionAsync("demo", "doctor@demo.test", PrescriptionStatus.Cancelled);
        var scope = new PrintScope(vikram, null, "Vikram");
        await AsMemberAsync<PrintSettingService>("owner@demo.test", settings => settings.SaveAsync(scope, new PrintSettingInput { Template = PrintTemplate.Minimal }));
        var doctor = await SignedInAsync("demo", "doctor@demo.test");

        using (var minimal = new PdfReadBack(await PdfAsync(doctor, prescription.Id)))
        {
            Assert.Equal((420, 595), ((int)Math.Round(minimal.Page(1).Width), (int)Math.Round(minimal.Page(1).Height))); // A5
        }

        await AsMemberAsync<PrintSettingService>("owner@demo.test", settings => settings.RemoveAsync(scope));
        using (var classic = new PdfReadBack(await PdfAsync(doctor, prescription.Id)))
        {
            Assert.Equal((595, 842), ((int)Math.Round(classic.Page(1).Width), (int)Math.Round(classic.Page(1).Height))); // A4
        }

        using var marked = new PdfReadBack(await PdfAsync(doctor, cancelled.Id));
        Assert.Contains("CANCELLED: Written in error", marked.PageText(1), StringComparison.Ordinal);
    }

    // ---------- Support ----------

    private async Task<HttpClient> SignedInAsync(string slug, string email)
    {
        var client = app.CreateBrowserLikeClient();
        var signIn = await MedicalAppFactory.SignInAsync(client, $"/t/{slug}/Account/Login", email);
        Assert.Equal($"/t/{slug}/", MedicalAppFactory.RedirectTarget(signIn));
        return client;
    }

    private static async Task<byte[]> PdfAsync(HttpClient client, Guid prescriptionId)
    {
        var response = await client.GetAsync(PdfPath("demo", prescriptionId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The demo doctor's prescription of this morning, as the development data seeds it.</summary>
    private Task<Prescription> VikramsPrescriptionAsync() =>
        app.InPracticeAsync("demo", db => db.Prescriptions.AsNoTracking().Include(p => p.Lines)
            .Where(p => p.Status == PrescriptionStatus.Active && p.Doctor!.Membership!.User!.Email == "doctor@demo.test")
            .OrderBy(p => p.CreatedAtUtc).FirstAsync());

    private async Task<List<AuditEvent>> PrintsAsync(string slug, string email) =>
        [.. (await app.AuditEventsAsync(slug)).Where(e => e.Action == AuditActions.PrescriptionPrinted && e.UserEmail == email)];

    /// <summary>Runs a service of the demo practice as the member with this email, as their page would.</summary>
    private async Task AsMemberAsync<TService>(string email, Func<TService, Task> work) where TService : notnull
    {
        Guid userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            userId = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
        }

        await app.WithPracticeServicesAsync("demo", userId, async services =>
        {
            await work(services.GetRequiredService<TService>());
            return true;
        });
    }

    /// <summary>
    /// A prescription of a past visit of the doctor with <paramref name="doctorEmail"/>, written straight into the
    /// practice (a patient, the completed visit and its consultation, two medicines), for practices the seed gives none.
    /// </summary>
    private Task<Prescription> AddPrescriptionAsync(string slug, string doctorEmail, PrescriptionStatus status) =>
        app.InPracticeAsync(slug, async db =>
        {
            var doctor = await db.DoctorProfiles.Where(d => d.Membership!.User!.Email == doctorEmail).Select(d => new { d.Id, d.Membership!.UserId }).SingleAsync();
            var location = await db.ClinicLocations.OrderBy(l => l.CreatedAtUtc).Select(l => l.Id).FirstAsync();
            var medicines = await db.GlobalMedicines.Where(m => m.BrandName == "Dolo 650" || m.BrandName == "Mox 500").ToListAsync();
            var tag = Guid.NewGuid().ToString("N")[..6];
            var patient = new Patient
            {
                FirstName = "Farah", LastName = "Khan", FirstNameKey = "farah", SearchName = "farah khan", Mobile = TestPractice.NewMobile(),
                IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female, DateOfBirth = new DateOnly(1988, 2, 14), CreatedAtUtc = DateTime.UtcNow,
            };
            // A quarter hour of 2024 of its own, so the doctor's visits never overlap.
            var startsAtUtc = new DateTime(2024, 1, 1, 4, 0, 0, DateTimeKind.Utc).AddMinutes(15 * Random.Shared.Next(0, 30_000));
            db.Patients.Add(patient);
            var visit = new Appointment
            {
                Number = $"APT-{startsAtUtc:yyyyMMdd}-P{tag}", PatientId = patient.Id, DoctorProfileId = doctor.Id, ClinicLocationId = location,
                StartsAtUtc = startsAtUtc, EndsAtUtc = startsAtUtc.AddMinutes(15), Status = AppointmentStatus.Completed, CreatedAtUtc = startsAtUtc,
            };
            db.Appointments.Add(visit);
            var consultation = new Consultation
            {
                AppointmentId = visit.Id, PatientId = patient.Id, DoctorProfileId = doctor.Id, StartedAtUtc = startsAtUtc, CompletedAtUtc = visit.EndsAtUtc,
                UpdatedAtUtc = visit.EndsAtUtc, Diagnosis = "Viral fever",
            };
            db.Consultations.Add(consultation);
            var prescription = new Prescription
            {
                ConsultationId = consultation.Id, AppointmentId = visit.Id, PatientId = patient.Id, DoctorProfileId = doctor.Id, ClinicLocationId = location,
                Number = status == PrescriptionStatus.Draft ? null : $"RX-{startsAtUtc:yyyyMMdd}-{tag}", Status = status, Diagnosis = "Viral fever",
                CancellationReason = status == PrescriptionStatus.Cancelled ? "Written in error" : null, CreatedAtUtc = startsAtUtc, CreatedByUserId = doctor.UserId,
                FinalisedAtUtc = status == PrescriptionStatus.Draft ? null : visit.EndsAtUtc, FinalisedByUserId = status == PrescriptionStatus.Draft ? null : doctor.UserId,
            };
            foreach (var (medicine, position) in medicines.Select((m, i) => (m, i + 1)))
            {
                prescription.Lines.Add(new PrescriptionLine
                {
                    Position = position, GlobalMedicineId = medicine.Id, BrandName = medicine.BrandName, GenericName = medicine.GenericName,
                    Strength = medicine.Strength, DosageForm = medicine.DosageForm, DrugClass = medicine.DrugClass, Dose = "1 tablet", Frequency = "1-0-1",
                });
            }

            db.Prescriptions.Add(prescription);
            await db.SaveChangesAsync();
            return prescription;
        });

    /// <summary>Ends the practice's trial a minute ago, through the platform's own context (the practice row is global).</summary>
    private async Task EndTrialAsync(string slug)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>().CreateDbContext();
            var practice = await db.Practices.SingleAsync(t => t.Slug == slug);
            practice.TrialEndsAtUtc = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        app.Services.GetRequiredService<PracticeDirectory>().Invalidate(slug);
    }

    /// <summary>
    /// The rows of every table a practice owns, by entity. Changing a row of those in a read-only practice is refused by
    /// the context itself, so a print that did would fail; the counts show it added none but its audit row.
    /// </summary>
    private static async Task<Dictionary<string, int>> RowCountsAsync(MedicalDbContext db)
    {
        var count = typeof(PrescriptionEndpointTests).GetMethod(nameof(CountAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
        var counts = new Dictionary<string, int>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType && typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            counts[type.ClrType.Name] = await (Task<int>)count.MakeGenericMethod(type.ClrType).Invoke(null, [db])!;
        }

        Assert.Contains(nameof(PrescriptionLine), counts.Keys);
        return counts;
    }

    private static Task<int> CountAsync<T>(MedicalDbContext db) where T : class => db.Set<T>().CountAsync();
}

public sealed class SqlitePrescriptionEndpointTests(SqliteAppFixture fixture)
    : PrescriptionEndpointTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresPrescriptionEndpointTests(PostgresAppFixture fixture)
    : PrescriptionEndpointTests(fixture.App), IClassFixture<PostgresAppFixture>;
