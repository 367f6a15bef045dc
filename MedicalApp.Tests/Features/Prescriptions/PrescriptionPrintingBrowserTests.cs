using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Administration;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.Printing;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Consultations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.Prescriptions;

/// <summary>
/// Printing in Chromium, on the fixed-clock app (Tuesday 10 March 2026 in Chennai), every page visited checked by axe.
/// Vikram has finalised a prescription and prints it (the Classic template); the owner, on Prescription printing,
/// chooses the Modern template for Vikram, sees the preview change and saves; Vikram's next print is Modern. He
/// corrects the prescription from its page (a dose on the consultation page in correction mode), the old version
/// then reads "Superseded", and he uploads his signature on his profile, which prints on the corrected version.
/// </summary>
public sealed class PrescriptionPrintingBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private string PracticeUrl => $"{fixture.BaseUrl}/t/demo";

    [Fact]
    public async Task The_owner_sets_Modern_for_a_doctor_whose_next_print_uses_it_and_the_doctor_corrects_and_signs()
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(fixture.App);
        var vikramName = await fixture.App.InPracticeAsync("demo", db => db.DoctorProfiles.Where(d => d.Id == vikram).Select(d => d.Membership!.User!.FullName).SingleAsync());
        var original = await FinalisedPrescriptionAsync(vikram);
        await using var browser = await ChromiumSession.StartAsync();
        var doctor = await browser.NewPageAsync();
        var owner = await browser.NewPageAsync();
        var at = doctor;
        try
        {
            // Vikram prints with no setting of his own: the Classic template centres the letterhead.
            await ChromiumSession.SignInAsync(doctor, PracticeUrl, "doctor@demo.test", MedicalAppFactory.DemoPassword);
            await OpenPrescriptionAsync(doctor, original.Id);
            await ChromiumSession.AssertAccessibleAsync(doctor, "the prescription as its doctor sees it");
            var classicX = LetterheadLeft(await DownloadAsync(doctor));

            // The owner chooses Modern for Vikram; the preview follows before anything is saved.
            at = owner;
            await ChromiumSession.SignInAsync(owner, PracticeUrl, "owner@demo.test", MedicalAppFactory.DemoPassword);
            await owner.GotoAsync($"{PracticeUrl}/settings/printing");
            await ChromiumSession.WaitForCircuitAsync(owner);
            await Assertions.Expect(owner.GetByTestId("print-preview")).ToBeVisibleAsync();
            await ChromiumSession.AssertAccessibleAsync(owner, "prescription printing");
            await ChromiumSession.ChooseAsync(owner, "print-scope", $"{vikramName} (follows the general setting)");
            var classicPreview = await owner.GetByTestId("print-preview").GetAttributeAsync("src");
            await ChromiumSession.ChooseAsync(owner, "print-template", "Modern (A4, coloured band)");
            await owner.WaitForFunctionAsync(
                "before => { const img = document.querySelector('[data-testid=print-preview]'); return img !== null && img.getAttribute('src') !== before; }",
                classicPreview);
            await ChromiumSession.AssertAccessibleAsync(owner, "prescription printing with the Modern preview");
            await browser.ScreenshotAsync(owner, "printing-01-modern-preview");
            await owner.GetByTestId("print-save").ClickAsync();
            await Assertions.Expect(owner.GetByText($"Prescriptions for {vikramName} now print with the Modern template.")).ToBeVisibleAsync();
            await Assertions.Expect(owner.GetByTestId("print-scope")).Not.ToContainTextAsync("follows the general setting");

            // Vikram's next print is Modern: the clinic's name starts at the left of the coloured band.
            at = doctor;
            await doctor.ReloadAsync();
            await ChromiumSession.WaitForCircuitAsync(doctor);
            var modernX = LetterheadLeft(await DownloadAsync(doctor));
            Assert.True(modernX < classicX - 60, $"The letterhead starts at {modernX:0} pt on Modern and at {classicX:0} pt on Classic.");
            Assert.True(modernX < 100, $"On Modern the letterhead starts at the left of the band, not at {modernX:0} pt.");

            // He corrects a dose: the consultation page opens in correction mode, and finalising makes version 2.
            await doctor.GetByTestId("correct").ClickAsync();
            await doctor.WaitForURLAsync("**/consultations/**");
            await ChromiumSession.WaitForCircuitAsync(doctor);
            await Assertions.Expect(doctor.GetByTestId("consultation-status")).ToContainTextAsync($"correcting {original.Number}");
            await Assertions.Expect(doctor.GetByTestId("finalise")).ToHaveTextAsync("Finalise the correction");
            var line = doctor.GetByTestId("medicine-line").Nth(0);
            await SetValueAsync(line.Locator("input[data-testid=line-dose], [data-testid=line-dose] input").First, "2 tablets");
            await ChromiumSession.AssertAccessibleAsync(doctor, "the consultation page correcting a prescription");
            await doctor.GetByTestId("finalise").ClickAsync();
            await doctor.WaitForURLAsync(url => url.Contains("/prescriptions/", StringComparison.Ordinal) && !url.Contains(original.Id.ToString(), StringComparison.Ordinal));
            await Assertions.Expect(doctor.GetByTestId("prescription-number")).ToContainTextAsync($"{original.Number} (version 2)");
            await Assertions.Expect(doctor.GetByTestId("prescription-lines")).ToContainTextAsync("2 tablets");
            var corrected = doctor.Url;

            await OpenPrescriptionAsync(doctor, original.Id);
            await Assertions.Expect(doctor.GetByTestId("prescription-summary")).ToContainTextAsync("Superseded");
            await Assertions.Expect(doctor.GetByTestId("correct")).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(doctor, "the superseded version");
            await browser.ScreenshotAsync(doctor, "printing-02-superseded");

            // His signature, from his own profile, which also leads to how his prescriptions print.
            await doctor.GotoAsync($"{PracticeUrl}/doctors/me");
            await doctor.WaitForURLAsync($"**/doctors/{vikram}");
            await ChromiumSession.WaitForCircuitAsync(doctor);
            await Assertions.Expect(doctor.GetByTestId("no-signature")).ToBeVisibleAsync();
            await Assertions.Expect(doctor.GetByTestId("my-print-settings")).ToHaveAttributeAsync("href", "settings/printing");
            var chooser = await doctor.RunAndWaitForFileChooserAsync(() => doctor.GetByTestId("upload-signature").ClickAsync());
            await chooser.SetFilesAsync(new FilePayload { Name = "signature.png", MimeType = "image/png", Buffer = PrintSamples.Png(300, 100) });
            // The preview comes through the signature endpoint with his cookie: the real 300 px image arrives.
            await doctor.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=signature-preview]'); return i && i.complete && i.naturalWidth === 300; }");
            await ChromiumSession.AssertAccessibleAsync(doctor, "the doctor's profile with a signature");
            await browser.ScreenshotAsync(doctor, "printing-03-signature");
            // The signature moved the profile's version on; the profile form, open since before, carries on with it.
            await doctor.GetByTestId("save-profile").ClickAsync();
            await Assertions.Expect(doctor.GetByText("Nothing to save: no field was changed.")).ToBeVisibleAsync();
            await Assertions.Expect(doctor.GetByTestId("profile-alert")).ToHaveCountAsync(0);

            await doctor.GotoAsync(corrected);
            await ChromiumSession.WaitForCircuitAsync(doctor);
            using var signed = new PdfReadBack(await DownloadAsync(doctor));
            Assert.Single(signed.Page(1).GetImages());
            Assert.Contains("(v2)", signed.PageText(1), StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(at, "printing-failure");
            throw new InvalidOperationException($"The journey stopped at {at.Url}: {ex.Message}", ex);
        }
    }

    private async Task OpenPrescriptionAsync(IPage page, Guid id)
    {
        await page.GotoAsync($"{PracticeUrl}/prescriptions/{id}");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("print")).ToBeVisibleAsync();
    }

    private static async Task<byte[]> DownloadAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("print").ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        return bytes;
    }

    /// <summary>Where the practice's name (the topmost word "Demo" of page 1) starts, in points from the left edge.</summary>
    private static double LetterheadLeft(byte[] pdf)
    {
        using var read = new PdfReadBack(pdf);
        return read.Page(1).GetWords().Where(w => w.Text == "Demo").MaxBy(w => w.BoundingBox.Top)!.BoundingBox.Left;
    }

    /// <summary>A visit of Vikram this morning, started and finalised through the consultation service as he would.</summary>
    private async Task<Prescription> FinalisedPrescriptionAsync(Guid vikram)
    {
        var appointment = await fixture.App.InPracticeAsync("demo", async db =>
        {
            var location = await db.DoctorLocations.Where(l => l.DoctorProfileId == vikram).Select(l => l.ClinicLocationId).FirstAsync();
            var patient = new Patient
            {
                FirstName = "Nandini", LastName = "Rao", FirstNameKey = "nandini", SearchName = "nandini rao", Mobile = "9840055599",
                IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female, DateOfBirth = new DateOnly(1979, 11, 5), CreatedAtUtc = DateTime.UtcNow,
            };
            db.Patients.Add(patient);
            var startsAtUtc = AppointmentFixture.Utc(AppointmentFixture.Today, 11);
            var visit = new Appointment
            {
                Number = "APT-20260310-0951", PatientId = patient.Id, DoctorProfileId = vikram, ClinicLocationId = location, StartsAtUtc = startsAtUtc,
                EndsAtUtc = startsAtUtc.AddMinutes(30), Status = AppointmentStatus.Scheduled, Reason = "Cough", CreatedAtUtc = DateTime.UtcNow,
            };
            db.Appointments.Add(visit);
            await db.SaveChangesAsync();
            return visit.Id;
        });
        Guid doctorUserId;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            doctorUserId = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("doctor@demo.test"))!.Id;
        }

        var dolo = await fixture.App.InPracticeAsync("demo", db => db.GlobalMedicines.Where(m => m.BrandName == "Dolo 650").Select(m => m.Id).FirstAsync());
        var finished = await fixture.App.WithPracticeServicesAsync("demo", doctorUserId, async services =>
        {
            var consultations = services.GetRequiredService<ConsultationService>();
            await ChangeAssert.DoneAsync(consultations.StartAsync(appointment));
            return await ChangeAssert.DoneAsync(consultations.FinaliseAsync(appointment, new ConsultationInput
            {
                Diagnosis = "Acute bronchitis",
                Lines = [new PrescriptionLineInput { IsGlobal = true, MedicineId = dolo, Dose = "1 tablet", Frequency = "1-0-1", Duration = "3 days", Timing = MedicineTiming.AfterFood }],
            }, 0));
        });
        return await fixture.App.InPracticeAsync("demo", db => db.Prescriptions.AsNoTracking().SingleAsync(p => p.Id == finished.PrescriptionId));
    }
}
