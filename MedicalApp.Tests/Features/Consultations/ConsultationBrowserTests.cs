using System.Diagnostics;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static MedicalApp.Tests.TestSupport.ChromiumSession;

namespace MedicalApp.Tests.Features.Consultations;

/// <summary>
/// The doctor's visit in Chromium, on the fixed-clock app (Tuesday 10 March 2026, 09:40 in Chennai): Vikram starts a
/// walk-in from his queue (the allergy badge shows), types /FEVER in the medicine field, changes the dose, adds
/// amoxicillin by keyboard, is warned of the patient's penicillin allergy and confirms, finalises, and downloads the
/// PDF; its first page is rasterised into TestResults/screenshots. The receptionist opens the prescription and prints
/// it but finds no control that edits it, and the consultation page refuses her. The owner of another practice finds
/// none of it, at demo's address or their own, nor the platform's catalogue. Every page visited is checked by axe.
/// </summary>
public sealed class ConsultationBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private string PracticeUrl => $"{fixture.BaseUrl}/t/demo";

    [Fact]
    public async Task The_doctor_writes_a_prescription_with_a_short_key_and_an_allergy_warning_and_the_front_desk_prints_it()
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(fixture.App);
        await AddWalkInAsync(vikram);
        await using var browser = await ChromiumSession.StartAsync();
        var doctor = await browser.NewPageAsync();
        var reception = await browser.NewPageAsync();
        var at = doctor;
        try
        {
            await ChromiumSession.SignInAsync(doctor, PracticeUrl, "doctor@demo.test", MedicalAppFactory.DemoPassword);
            await ChromiumSession.WaitForCircuitAsync(doctor);
            var row = doctor.GetByTestId("doctor-queue").Locator("[data-testid=queue-row][data-patient='Kavya Menon']");
            await Assertions.Expect(row.GetByTestId("queue-allergy")).ToContainTextAsync("Penicillin");
            await ChromiumSession.AssertAccessibleAsync(doctor, "the doctor's home with the allergy badge");
            await row.GetByTestId("start").ClickAsync();

            await doctor.WaitForURLAsync("**/consultations/**");
            await ChromiumSession.WaitForCircuitAsync(doctor);
            await Assertions.Expect(doctor.GetByTestId("banner-allergies")).ToContainTextAsync("Penicillin");
            await SetValueAsync(Field(doctor, "diagnosis"), "Acute pharyngitis");

            // The short key, by keyboard: its line replaces the empty one.
            var search = Field(doctor, "line-medicine-search");
            await search.FocusAsync();
            await search.PressSequentiallyAsync("/FEVER");
            await Assertions.Expect(search).ToHaveValueAsync("/FEVER");
            await search.PressAsync("Enter");
            var lines = doctor.GetByTestId("medicine-line");
            await Assertions.Expect(lines).ToHaveCountAsync(1);
            await Assertions.Expect(lines.Nth(0).GetByTestId("line-medicine-chosen")).ToContainTextAsync("Dolo 650");
            await SetValueAsync(LineField(lines.Nth(0), "line-dose"), "2 tablets");

            // Enter in the instructions adds a line whose medicine field has the focus; Enter takes the first match.
            var instructions = LineField(lines.Nth(0), "line-instructions");
            await instructions.FocusAsync();
            await instructions.PressAsync("Enter");
            await Assertions.Expect(lines).ToHaveCountAsync(2);
            var second = LineField(lines.Nth(1), "line-medicine-search");
            await Assertions.Expect(second).ToBeFocusedAsync();
            await second.PressSequentiallyAsync("Mox 500");
            await Assertions.Expect(lines.Nth(1).GetByTestId("line-medicine-match").First).ToContainTextAsync("Mox 500");
            await second.PressAsync("Enter");
            await Assertions.Expect(lines.Nth(1).GetByTestId("line-medicine-chosen")).ToContainTextAsync("Mox 500");
            await SetValueAsync(LineField(lines.Nth(1), "line-frequency"), "1-0-1");

            // Finalising is refused until the allergy warning on amoxicillin is confirmed.
            await doctor.GetByTestId("finalise").ClickAsync();
            await Assertions.Expect(lines.Nth(1).GetByTestId("line-warning")).ToContainTextAsync("penicillin", new() { IgnoreCase = true });
            await Assertions.Expect(lines.Nth(1).GetByTestId("line-warning-error")).ToBeVisibleAsync();
            await ChromiumSession.AssertAccessibleAsync(doctor, "the consultation with an allergy warning");
            await browser.ScreenshotAsync(doctor, "consultation-01-allergy-warning");
            await LineField(lines.Nth(1), "line-warning-confirm").CheckAsync();
            await Assertions.Expect(LineField(lines.Nth(1), "line-warning-confirm")).ToBeCheckedAsync();
            await doctor.GetByTestId("finalise").ClickAsync();

            await doctor.WaitForURLAsync("**/prescriptions/**");
            await Assertions.Expect(doctor.GetByTestId("prescription-number")).ToContainTextAsync("RX-20260310-");
            await Assertions.Expect(doctor.GetByTestId("prescription-lines")).ToContainTextAsync("PARACETAMOL");
            await Assertions.Expect(doctor.GetByTestId("prescription-lines")).ToContainTextAsync("2 tablets");
            await Assertions.Expect(doctor.GetByTestId("correct")).ToBeVisibleAsync();
            await ChromiumSession.AssertAccessibleAsync(doctor, "the finalised prescription");
            var pdf = await DownloadAsync(doctor);
            await KeepFirstPageAsync(pdf, "consultation-02-prescription-pdf");

            var saved = await fixture.App.InPracticeAsync("demo", db => db.Prescriptions.AsNoTracking().Include(p => p.Lines)
                .SingleAsync(p => p.Status == PrescriptionStatus.Active));
            var amoxicillin = Assert.Single(saved.Lines, l => l.GenericName == "Amoxicillin");
            Assert.NotNull(amoxicillin.WarningConfirmedAtUtc);
            Assert.Equal("2 tablets", Assert.Single(saved.Lines, l => l.BrandName == "Dolo 650").Dose);

            // The front desk prints, and finds nothing that edits.
            at = reception;
            await ChromiumSession.SignInAsync(reception, PracticeUrl, "reception@demo.test", MedicalAppFactory.DemoPassword);
            await reception.GotoAsync($"{PracticeUrl}/prescriptions");
            await ChromiumSession.WaitForCircuitAsync(reception);
            await reception.GetByTestId("prescription-rows").GetByRole(AriaRole.Link, new() { Name = saved.Number! }).ClickAsync();
            await Assertions.Expect(reception.GetByTestId("prescription-number")).ToContainTextAsync(saved.Number!);
            await Assertions.Expect(reception.GetByTestId("print")).ToBeVisibleAsync();
            await Assertions.Expect(reception.GetByTestId("correct")).ToHaveCountAsync(0);
            await Assertions.Expect(reception.GetByTestId("cancel")).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(reception, "the prescription for the front desk");
            Assert.True((await DownloadAsync(reception)).Length > 1000);

            await reception.GotoAsync($"{PracticeUrl}/consultations/{saved.AppointmentId}");
            await Assertions.Expect(reception.GetByTestId("finalise")).ToHaveCountAsync(0);
            await Assertions.Expect(reception.GetByTestId("diagnosis")).ToHaveCountAsync(0);

            // The owner of another practice (Owner and Doctor there), signed in at their own address: demo's pages ask
            // for demo's own sign-in and show nothing; demo's ids at their own address are not found; the platform's
            // catalogue is not theirs. Each page is checked by axe as they see it.
            var outsider = await browser.NewPageAsync();
            at = outsider;
            await ChromiumSession.SignInAsync(outsider, $"{fixture.BaseUrl}/t/sunrise", "owner@sunrise.test", MedicalAppFactory.DemoPassword);
            string[] demoPages = [$"consultations/{saved.AppointmentId}", "prescriptions", $"prescriptions/{saved.Id}", "medicines"];
            foreach (var path in demoPages)
            {
                await outsider.GotoAsync($"{PracticeUrl}/{path}");
                await outsider.WaitForURLAsync("**/t/demo/Account/Login**");
                await Assertions.Expect(outsider.GetByText("Kavya Menon")).ToHaveCountAsync(0);
                await ChromiumSession.AssertAccessibleAsync(outsider, $"another practice's member at demo's {path}");
            }

            await outsider.GotoAsync($"{fixture.BaseUrl}/t/sunrise/consultations/{saved.AppointmentId}");
            await Assertions.Expect(outsider.GetByTestId("consultation-not-found")).ToBeVisibleAsync();
            await ChromiumSession.AssertAccessibleAsync(outsider, "demo's visit at sunrise's address");
            await outsider.GotoAsync($"{fixture.BaseUrl}/t/sunrise/prescriptions/{saved.Id}");
            await Assertions.Expect(outsider.GetByTestId("prescription-not-found")).ToBeVisibleAsync();
            await ChromiumSession.AssertAccessibleAsync(outsider, "demo's prescription at sunrise's address");
            var foreignPdf = await outsider.APIRequest.GetAsync($"{fixture.BaseUrl}/t/sunrise/prescriptions/{saved.Id}/pdf");
            Assert.Equal(404, foreignPdf.Status);
            await outsider.GotoAsync($"{fixture.BaseUrl}/platform/medicines");
            await Assertions.Expect(outsider.GetByTestId("catalogue-table")).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(outsider, "the platform catalogue for a practice member");
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(at, "consultation-failure");
            throw new InvalidOperationException($"The journey stopped at {at.Url}: {ex.Message}", ex);
        }
    }

    /// <summary>A field of one medicine line (MudBlazor puts the test id on the input or on its wrapper).</summary>
    private static ILocator LineField(ILocator line, string testId) =>
        line.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    private Task AddWalkInAsync(Guid vikram) =>
        fixture.App.InPracticeAsync("demo", async db =>
        {
            var location = await db.DoctorLocations.Where(l => l.DoctorProfileId == vikram).Select(l => l.ClinicLocationId).FirstAsync();
            var patient = new Patient
            {
                FirstName = "Kavya", LastName = "Menon", FirstNameKey = "kavya", SearchName = "kavya menon", Mobile = "9840055512",
                IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female, DateOfBirth = new DateOnly(1990, 8, 2),
                Allergies = "Penicillin", CreatedAtUtc = DateTime.UtcNow,
            };
            db.Patients.Add(patient);
            // 10:00 in Chennai on the fixed day.
            var startsAtUtc = new DateTime(2026, 3, 10, 4, 30, 0, DateTimeKind.Utc);
            db.Appointments.Add(new Appointment
            {
                Number = "APT-20260310-0901", Patient = patient, DoctorProfileId = vikram, ClinicLocationId = location, StartsAtUtc = startsAtUtc,
                EndsAtUtc = startsAtUtc.AddMinutes(30), Status = AppointmentStatus.Scheduled, IsWalkIn = true, Reason = "Sore throat and fever",
                CreatedAtUtc = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

    private static async Task<byte[]> DownloadAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("print").ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        return bytes;
    }

    /// <summary>Rasterises the first page with poppler's pdftoppm into the screenshots folder (a test artifact).</summary>
    private static async Task KeepFirstPageAsync(byte[] pdf, string name)
    {
        Directory.CreateDirectory(ChromiumSession.ScreenshotFolder);
        var pdfPath = Path.Combine(ChromiumSession.ScreenshotFolder, name + ".pdf");
        await File.WriteAllBytesAsync(pdfPath, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdfPath,
            Path.Combine(ChromiumSession.ScreenshotFolder, name)]) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.True(File.Exists(Path.Combine(ChromiumSession.ScreenshotFolder, name + ".png")));
    }
}
