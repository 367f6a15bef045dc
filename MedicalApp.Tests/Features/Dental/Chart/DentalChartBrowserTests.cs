using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Dental.Chart;

/// <summary>
/// The dental chart in Chromium, on the fixed-clock app (Tuesday 10 March 2026, 09:40 in Chennai): sunrise's owner, a
/// dentist, starts a consultation and finds the chart; every tooth has an accessible name; he selects 16 by click and
/// 26 by keyboard, records caries with a note template, sees two observations and adds them to the visit's findings;
/// the patient's page leads to the
/// chart with them. demo's owner finds none of it, at sunrise's address or at demo's own. Every page is checked by axe.
/// </summary>
public sealed class DentalChartBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private string Sunrise => $"{fixture.BaseUrl}/t/sunrise";

    [Fact]
    public async Task The_dentist_charts_caries_on_two_teeth_and_another_practice_sees_nothing()
    {
        var (patientId, appointmentId) = await AddVisitAsync();
        await using var browser = await ChromiumSession.StartAsync();
        var dentist = await browser.NewPageAsync();
        await dentist.SetViewportSizeAsync(768, 1024);   // a tablet
        var at = dentist;
        try
        {
            await ChromiumSession.SignInAsync(dentist, Sunrise, "owner@sunrise.test", MedicalAppFactory.DemoPassword);
            await dentist.GotoAsync($"{Sunrise}/consultations/{appointmentId}");
            await ChromiumSession.WaitForCircuitAsync(dentist);
            await dentist.GetByTestId("consultation-start").ClickAsync();
            var form = dentist.GetByTestId("observation-form");
            await Assertions.Expect(form).ToBeVisibleAsync();

            var teeth = dentist.Locator("[data-testid=dental-chart] [data-tooth]");
            await Assertions.Expect(teeth).ToHaveCountAsync(32);
            var names = await teeth.EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('data-tooth') + '|' + (t.getAttribute('aria-label') || '') + '|' + t.getAttribute('role'))");
            Assert.All(names, n =>
            {
                var parts = n.Split('|');
                Assert.StartsWith(parts[0] + " ", parts[1], StringComparison.Ordinal);
                Assert.Equal("button", parts[2]);
            });
            await ChromiumSession.AssertAccessibleAsync(dentist, "the dental consultation");

            // 16 by click (which also gives it the keyboard focus), 26 by keyboard: eleven steps right along the upper arch, then Space.
            var sixteen = dentist.Locator("[data-testid=dental-chart] [data-tooth='16']");
            await sixteen.ClickAsync();
            await Assertions.Expect(sixteen).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(sixteen).ToBeFocusedAsync();
            for (var step = 0; step < 11; step++)
            {
                await dentist.Keyboard.PressAsync("ArrowRight");
            }

            var twentySix = dentist.Locator("[data-testid=dental-chart] [data-tooth='26']");
            await Assertions.Expect(twentySix).ToBeFocusedAsync();
            await dentist.Keyboard.PressAsync("Space");
            await Assertions.Expect(twentySix).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(dentist.GetByTestId("observation-teeth")).ToContainTextAsync("16, 26");

            await dentist.GetByTestId("condition-Caries").ClickAsync();
            await Assertions.Expect(dentist.GetByTestId("condition-Caries")).ToHaveAttributeAsync("aria-pressed", "true");
            await dentist.GetByTestId("template-CAR-O-MOD").ClickAsync();
            await Assertions.Expect(ChromiumSession.Field(dentist, "observation-notes")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Occlusal caries into dentine"));
            await ChromiumSession.AssertAccessibleAsync(dentist, "the observation form with a template");
            await dentist.GetByTestId("save-observation").ClickAsync();

            var observations = dentist.GetByTestId("observation");
            await Assertions.Expect(observations).ToHaveCountAsync(2);
            await Assertions.Expect(observations.Nth(0)).ToContainTextAsync("Caries");
            await Assertions.Expect(sixteen).ToHaveAttributeAsync("data-state", "Issue");
            await Assertions.Expect(sixteen).ToHaveAttributeAsync("aria-label", "16 upper right first molar, caries — issue");
            await ChromiumSession.AssertAccessibleAsync(dentist, "the dental consultation with two observations");
            await browser.ScreenshotAsync(dentist, "dental-01-consultation-chart");
            // Both observations into the visit's findings, saved with the consultation's own draft.
            foreach (var tooth in new[] { 16, 26 })
            {
                var choose = dentist.GetByRole(AriaRole.Checkbox, new() { Name = $"Select observation {tooth} · Caries" });
                await choose.CheckAsync();
                await Assertions.Expect(choose).ToBeCheckedAsync();
            }

            await dentist.GetByTestId("insert-findings").ClickAsync();
            await Assertions.Expect(ChromiumSession.Field(dentist, "findings")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^16, 26: Caries — Occlusal caries into dentine"));
            await Assertions.Expect(dentist.GetByTestId("draft-status")).ToContainTextAsync("Draft saved");
            var findings = await fixture.App.InPracticeAsync("sunrise", db => db.Consultations.AsNoTracking().Where(c => c.AppointmentId == appointmentId).Select(c => c.Findings).SingleAsync());
            Assert.StartsWith("16, 26: Caries — Occlusal caries into dentine", findings, StringComparison.Ordinal);

            var saved = await fixture.App.InPracticeAsync("sunrise", db => db.DentalObservations.AsNoTracking().Where(o => o.PatientId == patientId).ToListAsync());
            Assert.Equal([16, 26], saved.Select(o => o.Tooth).Order());
            var consultationId = await fixture.App.InPracticeAsync("sunrise", db => db.Consultations.AsNoTracking().Where(c => c.AppointmentId == appointmentId).Select(c => c.Id).SingleAsync());
            Assert.All(saved, o => Assert.Equal((DentalCondition.Caries, (Guid?)consultationId), (o.Condition, o.ConsultationId)));

            // The patient's page leads to the chart.
            await dentist.GotoAsync($"{Sunrise}/patients/{patientId}");
            await ChromiumSession.WaitForCircuitAsync(dentist);
            await dentist.GetByTestId("dental-chart-link").ClickAsync();
            await dentist.WaitForURLAsync($"**/patients/{patientId}/dental");
            await Assertions.Expect(dentist.GetByTestId("dental-workspace")).ToBeVisibleAsync();
            await Assertions.Expect(dentist.GetByTestId("observation")).ToHaveCountAsync(2);
            await ChromiumSession.AssertAccessibleAsync(dentist, "the patient's dental chart");

            // The practice's note templates, the starter set among them.
            await dentist.GotoAsync($"{Sunrise}/dental/templates");
            await ChromiumSession.WaitForCircuitAsync(dentist);
            await Assertions.Expect(dentist.GetByTestId("templates")).ToContainTextAsync("CAR-O-MOD");
            await ChromiumSession.AssertAccessibleAsync(dentist, "the dental note templates");

            // demo's owner: sunrise's pages ask for sunrise's own sign-in; sunrise's patient at demo's address is not found.
            var outsider = await browser.NewPageAsync();
            at = outsider;
            await ChromiumSession.SignInAsync(outsider, $"{fixture.BaseUrl}/t/demo", "owner@demo.test", MedicalAppFactory.DemoPassword);
            foreach (var path in new[] { $"patients/{patientId}/dental", $"consultations/{appointmentId}", "dental/templates" })
            {
                await outsider.GotoAsync($"{Sunrise}/{path}");
                await outsider.WaitForURLAsync("**/t/sunrise/Account/Login**");
                await Assertions.Expect(outsider.Locator("[data-tooth]")).ToHaveCountAsync(0);
                await ChromiumSession.AssertAccessibleAsync(outsider, $"another practice's member at sunrise's {path}");
            }

            await outsider.GotoAsync($"{fixture.BaseUrl}/t/demo/patients/{patientId}/dental");
            await ChromiumSession.WaitForCircuitAsync(outsider);
            await Assertions.Expect(outsider.GetByTestId("dental-patient-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(outsider.Locator("[data-tooth]")).ToHaveCountAsync(0);
            await Assertions.Expect(outsider.GetByText("Lakshmi")).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(outsider, "sunrise's patient's chart at demo's address");
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(at, "dental-chart-failure");
            throw new InvalidOperationException($"The journey stopped at {at.Url}: {ex.Message}", ex);
        }
    }

    /// <summary>A sunrise patient with a visit to its owner (a dentist) at 10:30 in Chennai on the fixed day.</summary>
    private Task<(Guid Patient, Guid Appointment)> AddVisitAsync() =>
        fixture.App.InPracticeAsync("sunrise", async db =>
        {
            // Sunrise's one doctor is its owner.
            var doctor = await db.DoctorProfiles.Select(d => d.Id).SingleAsync();
            // The practice's one location (the seed does not tie the dentist to it: its hours name "Sunrise", the location "Sunrise Dental Care").
            var location = await db.ClinicLocations.Select(l => l.Id).SingleAsync();
            var patient = new Patient
            {
                FirstName = "Lakshmi", LastName = "Iyengar", FirstNameKey = "lakshmi", SearchName = "lakshmi iyengar", Mobile = "9845011223",
                IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = Gender.Female, DateOfBirth = new DateOnly(1986, 1, 20),
                CreatedAtUtc = DateTime.UtcNow,
            };
            db.Patients.Add(patient);
            var startsAtUtc = new DateTime(2026, 3, 10, 5, 0, 0, DateTimeKind.Utc);
            var appointment = new Appointment
            {
                Number = "APT-20260310-0951", Patient = patient, DoctorProfileId = doctor, ClinicLocationId = location, StartsAtUtc = startsAtUtc,
                EndsAtUtc = startsAtUtc.AddMinutes(30), Status = AppointmentStatus.Scheduled, Reason = "Pain on chewing, upper molars",
                CreatedAtUtc = DateTime.UtcNow,
            };
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return (patient.Id, appointment.Id);
        });
}
