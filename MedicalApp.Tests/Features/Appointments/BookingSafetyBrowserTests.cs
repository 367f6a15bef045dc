using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Appointments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// Booking that protects the clinic, in Chromium on the fixed clock (Tuesday 10 March 2026, 09:40 in Chennai): booking
/// Meena a second time on one day with Vikram warns with her first visit and books only after "Book anyway";
/// rescheduling a visit off a leave day with a "Next free" offer sets the new day and time together; and moving it in the
/// calendar back to that Wednesday asks the same question ("Move anyway"). Then the owner adds
/// Vikram's leave over two booked visits: the leave panel lists them, one moves to Asha at T. Nagar at the same time
/// (asked first, as the patient sees Asha later that day) and the other is cancelled, and the calendar shows the result. Axe on each step.
/// </summary>
public sealed class BookingSafetyBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private static readonly DateOnly Wednesday = new(2026, 3, 11);
    private static readonly DateOnly Thursday = new(2026, 3, 12);

    private string PracticeUrl => $"{fixture.BaseUrl}/t/demo";

    [Fact]
    public async Task A_same_day_duplicate_is_confirmed_and_next_free_in_reschedule_sets_day_and_time()
    {
        var (vikram, _) = await DemoDoctors.EnsureAsync(fixture.App);
        var meena = await BookingSteps.AddPatientAsync(fixture.App, "Meena", "Iyer", "9840011122", new DateOnly(1985, 2, 1));
        var annaNagar = await BookingSteps.LocationAsync(fixture.App, "Anna Nagar");
        var first = await BookingSteps.BookAsync(fixture.App, meena, vikram, annaNagar, Wednesday, new TimeOnly(10, 0));

        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await ChromiumSession.SignInAsync(page, PracticeUrl, "reception@demo.test", MedicalAppFactory.DemoPassword);

            // Meena again on Wednesday with Vikram: the warning shows her 10:00 visit, and "Book anyway" books 11:00.
            await page.GotoAsync($"{PracticeUrl}/appointments/book?patientId={meena}&doctorId={vikram}&locationId={annaNagar}&date=2026-03-11");
            await ChromiumSession.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId("patient-chosen")).ToContainTextAsync("Meena Iyer");
            await page.Locator("[data-testid=slot][data-time='11:00']").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=slot][data-time='11:00']")).ToHaveAttributeAsync("aria-pressed", "true");
            await ChromiumSession.AssertAccessibleAsync(page, "booking a second visit");
            await page.GetByTestId("book").ClickAsync();
            await Assertions.Expect(page.GetByTestId("same-day-existing")).ToContainTextAsync(first.Number!);
            await ChromiumSession.AssertAccessibleAsync(page, "same-day warning");
            await page.GetByTestId("same-day-confirm").ClickAsync();
            await Assertions.Expect(page.GetByTestId("booked-alert")).ToContainTextAsync("Booked Meena Iyer with");
            await Assertions.Expect(page.GetByTestId("booked-alert")).ToContainTextAsync("on Wed 11 Mar at 11:00 (APT-20260311-");
            Assert.Equal(2, await fixture.App.InPracticeAsync("demo", db => db.Appointments.CountAsync(a => a.PatientId == meena && a.Status == AppointmentStatus.Scheduled)));

            // A visit on Thursday, then Vikram's leave that day (written directly): its reschedule offers "Next free".
            var thursday = await BookingSteps.BookAsync(fixture.App, meena, vikram, annaNagar, Thursday, new TimeOnly(10, 0));
            await fixture.App.InPracticeAsync("demo", db =>
            {
                db.DoctorLeave.Add(new DoctorLeave { DoctorProfileId = vikram, Date = Thursday, Reason = "Conference" });
                return db.SaveChangesAsync();
            });
            await page.GotoAsync($"{PracticeUrl}/patients/{meena}");
            await ChromiumSession.WaitForCircuitAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Open {thursday.Number}" }).ClickAsync();
            await page.GetByTestId("action-reschedule").ClickAsync();
            await Assertions.Expect(page.GetByTestId("slot-notice")).ToContainTextAsync("on leave");
            var nextFree = page.GetByTestId("next-slot").First;
            await Assertions.Expect(nextFree).ToHaveTextAsync("Fri 13 Mar 09:00");
            await ChromiumSession.AssertAccessibleAsync(page, "reschedule with next free");
            await nextFree.ClickAsync();

            // Both set: the picker now shows Friday's times with 09:00 chosen (it is pressed only when the day is Friday and
            // the time 09:00), so the move can be confirmed, and it lands on Friday 09:00.
            await Assertions.Expect(page.Locator("[data-testid=slot][data-time='09:00']")).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(page.GetByTestId("confirm-reschedule")).ToBeEnabledAsync();
            await page.GetByTestId("confirm-reschedule").ClickAsync();
            await Assertions.Expect(page.GetByTestId("reschedule-panel")).ToHaveCountAsync(0);
            var moved = await fixture.App.InPracticeAsync("demo", db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == thursday.AppointmentId));
            Assert.Equal(new DateTime(2026, 3, 13, 3, 30, 0, DateTimeKind.Utc), moved.StartsAtUtc);
            Assert.Equal(thursday.Number, moved.Number);

            // Moving it back to Wednesday in the calendar (keyboard) would give Meena a third visit with Vikram that day:
            // the same question as when booking. "Don't move" leaves it on Friday; "Move anyway" moves it.
            await page.GotoAsync($"{PracticeUrl}/appointments/calendar?mode=doctor&id={vikram}&view=week&date=2026-03-11");
            await ChromiumSession.WaitForCircuitAsync(page);
            var block = page.Locator($"[data-testid=calendar-block][data-number='{thursday.Number}']");
            for (var attempt = 0; attempt < 2; attempt++)
            {
                await block.FocusAsync();
                await Assertions.Expect(block).ToBeFocusedAsync();
                await page.Keyboard.PressAsync("m");
                await Assertions.Expect(page.GetByTestId("calendar-moving")).ToContainTextAsync("Fri 13 Mar 09:00");
                await page.Keyboard.PressAsync("ArrowLeft");
                await Assertions.Expect(page.GetByTestId("calendar-moving")).ToContainTextAsync("Thu 12 Mar");
                await page.Keyboard.PressAsync("ArrowLeft");
                await Assertions.Expect(page.GetByTestId("calendar-moving")).ToContainTextAsync("Wed 11 Mar 09:00");
                await page.Keyboard.PressAsync("Enter");
                await Assertions.Expect(page.GetByTestId("same-day-existing")).ToContainTextAsync(first.Number!);
                await Assertions.Expect(page.GetByTestId("same-day-confirm")).ToHaveTextAsync("Move anyway");
                if (attempt == 0)
                {
                    await ChromiumSession.AssertAccessibleAsync(page, "same-day question on a calendar move");
                    await page.GetByTestId("same-day-cancel").ClickAsync();
                    await Assertions.Expect(page.GetByTestId("calendar-live")).ToHaveTextAsync($"{thursday.Number} was not moved.");
                    Assert.Equal(new DateTime(2026, 3, 13, 3, 30, 0, DateTimeKind.Utc), await StartOfAsync(thursday.AppointmentId!.Value));
                }
                else
                {
                    await page.GetByTestId("same-day-confirm").ClickAsync();
                    await Assertions.Expect(page.GetByTestId("calendar-message")).ToContainTextAsync($"{thursday.Number} moved to Wed 11 Mar 09:00 with Vikram Iyer.");
                    Assert.Equal(new DateTime(2026, 3, 11, 3, 30, 0, DateTimeKind.Utc), await StartOfAsync(thursday.AppointmentId!.Value));
                }
            }
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(page, "booking-safety-failure");
            throw new InvalidOperationException($"The journey stopped at {page.Url}: {ex.Message}", ex);
        }
    }

    private Task<DateTime> StartOfAsync(Guid appointmentId) =>
        fixture.App.InPracticeAsync(BookingSteps.Practice, async db =>
            DateTime.SpecifyKind(await db.Appointments.Where(a => a.Id == appointmentId).Select(a => a.StartsAtUtc).SingleAsync(), DateTimeKind.Utc));

    [Fact]
    public async Task Leave_over_two_visits_moves_one_to_another_doctor_cancels_the_other_and_the_calendar_shows_it()
    {
        var monday = new DateOnly(2026, 3, 16);
        var (vikram, asha) = await DemoDoctors.EnsureAsync(fixture.App);
        var annaNagar = await BookingSteps.LocationAsync(fixture.App, "Anna Nagar");
        var tNagar = await BookingSteps.LocationAsync(fixture.App, "T. Nagar");
        // Asha (the owner, a doctor with no hours in the demo) sees patients at T. Nagar on Monday mornings.
        var tNagarName = await fixture.App.InPracticeAsync(BookingSteps.Practice, async db =>
        {
            if (!await db.DoctorLocations.AnyAsync(l => l.DoctorProfileId == asha && l.ClinicLocationId == tNagar))
            {
                db.DoctorLocations.Add(new DoctorLocation { DoctorProfileId = asha, ClinicLocationId = tNagar });
                db.DoctorAvailability.Add(new DoctorAvailability
                    { DoctorProfileId = asha, ClinicLocationId = tNagar, Day = DayOfWeek.Monday, StartTime = new TimeOnly(10, 0), EndTime = new TimeOnly(13, 0) });
                await db.SaveChangesAsync();
            }

            return await db.ClinicLocations.Where(l => l.Id == tNagar).Select(l => l.Name).SingleAsync();
        });
        var kavya = await BookingSteps.AddPatientAsync(fixture.App, "Kavya", "Rao");
        var arjun = await BookingSteps.AddPatientAsync(fixture.App, "Arjun", "Das");
        var kavyaVisit = await BookingSteps.BookAsync(fixture.App, kavya, vikram, annaNagar, monday, new TimeOnly(10, 0));
        var arjunVisit = await BookingSteps.BookAsync(fixture.App, arjun, vikram, annaNagar, monday, new TimeOnly(11, 0));
        // Kavya also sees Asha that day: moving her 10:00 to Asha asks first.
        var kavyaWithAsha = await BookingSteps.BookAsync(fixture.App, kavya, asha, tNagar, monday, new TimeOnly(12, 0));

        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await ChromiumSession.SignInAsync(page, PracticeUrl, "owner@demo.test", MedicalAppFactory.DemoPassword);
            await page.GotoAsync($"{PracticeUrl}/doctors/{vikram}");
            await ChromiumSession.WaitForCircuitAsync(page);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Leave" }).ClickAsync();
            var firstDay = page.GetByLabel("First day");
            await firstDay.FillAsync("16-03-2026");
            await firstDay.PressAsync("Tab");
            await Assertions.Expect(firstDay).ToHaveValueAsync("16-03-2026");
            await page.GetByLabel("Reason (optional)").FillAsync("Family wedding");
            await page.GetByTestId("add-leave").ClickAsync();

            // Nothing is saved yet: the panel lists both visits, each moving to a time of Vikram's by default.
            var panel = page.GetByTestId("leave-clashes");
            await Assertions.Expect(panel.GetByTestId("leave-clash")).ToHaveCountAsync(2);
            var kavyaRow = panel.Locator($"[data-testid=leave-clash][data-number='{kavyaVisit.Number}']");
            var arjunRow = panel.Locator($"[data-testid=leave-clash][data-number='{arjunVisit.Number}']");
            await Assertions.Expect(kavyaRow).ToContainTextAsync("Kavya Rao · Mon 16 Mar 10:00–10:30");
            await Assertions.Expect(arjunRow).ToContainTextAsync("Arjun Das · Mon 16 Mar 11:00–11:30");
            var kavyaDoctor = page.GetByRole(AriaRole.Combobox, new() { Name = $"Doctor and place for {kavyaVisit.Number}" });
            var kavyaTime = page.GetByRole(AriaRole.Combobox, new() { Name = $"New time for {kavyaVisit.Number}" });
            await Assertions.Expect(kavyaDoctor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^Vikram Iyer \(same doctor\) at "));
            await ChromiumSession.AssertAccessibleAsync(page, "leave over booked visits");
            await browser.ScreenshotAsync(page, "leave-clash-01-listed");

            // Kavya goes to Asha at T. Nagar, at her own time; Arjun is cancelled.
            await kavyaDoctor.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").GetByText($"Asha Raman at {tNagarName}", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(kavyaDoctor).ToHaveValueAsync($"Asha Raman at {tNagarName}");
            await Assertions.Expect(kavyaTime).ToHaveValueAsync("Mon 16 Mar 10:00");
            await arjunRow.GetByTestId("clash-cancel").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = $"New time for {arjunVisit.Number}" })).ToHaveCountAsync(0);
            await ChromiumSession.AssertAccessibleAsync(page, "leave choices made");
            await browser.ScreenshotAsync(page, "leave-clash-02-chosen");
            await page.GetByTestId("apply-leave").ClickAsync();

            // Kavya would see Asha twice that day: "Don't move" saves nothing and keeps the choices; "Move anyway" saves.
            await Assertions.Expect(page.GetByTestId("same-day-existing")).ToContainTextAsync(kavyaWithAsha.Number!);
            await Assertions.Expect(page.GetByTestId("same-day-confirm")).ToHaveTextAsync("Move anyway");
            await ChromiumSession.AssertAccessibleAsync(page, "same-day question on a leave move");
            await page.GetByTestId("same-day-cancel").ClickAsync();
            await Assertions.Expect(page.GetByTestId("leave-alert")).ToContainTextAsync($"Nothing was saved. Choose another time or doctor for {kavyaVisit.Number}, or cancel it.");
            await Assertions.Expect(kavyaDoctor).ToHaveValueAsync($"Asha Raman at {tNagarName}");
            await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = $"New time for {arjunVisit.Number}" })).ToHaveCountAsync(0);
            Assert.Equal(0, await fixture.App.InPracticeAsync(BookingSteps.Practice, db => db.DoctorLeave.CountAsync(l => l.DoctorProfileId == vikram && l.Date == monday)));
            await page.GetByTestId("apply-leave").ClickAsync();
            await page.GetByTestId("same-day-confirm").ClickAsync();

            // Done: said in the snackbar, the panel closes and the leave is listed.
            var done = page.Locator(".mud-snackbar").Filter(new() { HasText = "Leave added for Mon 16 Mar 2026" });
            await Assertions.Expect(done).ToContainTextAsync($"{kavyaVisit.Number} moved to Mon 16 Mar 10:00 with Asha Raman at {tNagarName}");
            await Assertions.Expect(done).ToContainTextAsync($"{arjunVisit.Number} cancelled");
            await Assertions.Expect(page.GetByTestId("leave-clashes")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("upcoming-leave")).ToContainTextAsync("Family wedding");

            // The calendar: Kavya in Asha's column at T. Nagar at 10:00; Arjun's visit gone from Anna Nagar's day.
            await page.GotoAsync($"{PracticeUrl}/appointments/calendar?mode=location&id={tNagar}&view=day&date=2026-03-16");
            await ChromiumSession.WaitForCircuitAsync(page);
            var moved = page.Locator($"[data-testid=calendar-block][data-number='{kavyaVisit.Number}']");
            await Assertions.Expect(moved).ToContainTextAsync("10:00–10:30");
            await Assertions.Expect(moved).ToContainTextAsync("Kavya Rao");
            await Assertions.Expect(page.Locator("[role=group]", new() { Has = moved })).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("Asha Raman"));
            await ChromiumSession.AssertAccessibleAsync(page, "calendar after the leave");
            await browser.ScreenshotAsync(page, "leave-clash-03-calendar");
            await page.GotoAsync($"{PracticeUrl}/appointments/calendar?mode=location&id={annaNagar}&view=day&date=2026-03-16");
            await ChromiumSession.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId("calendar-range")).ToContainTextAsync("16");
            await Assertions.Expect(page.GetByTestId("calendar-column").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator($"[data-testid=calendar-block][data-number='{arjunVisit.Number}']")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator($"[data-testid=calendar-block][data-number='{kavyaVisit.Number}']")).ToHaveCountAsync(0);

            var (kavyaSaved, arjunSaved) = await fixture.App.InPracticeAsync(BookingSteps.Practice, async db =>
                (await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == kavyaVisit.AppointmentId),
                 await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == arjunVisit.AppointmentId)));
            Assert.Equal((asha, tNagar, new DateTime(2026, 3, 16, 4, 30, 0, DateTimeKind.Utc), AppointmentStatus.Scheduled),
                (kavyaSaved.DoctorProfileId, kavyaSaved.ClinicLocationId, DateTime.SpecifyKind(kavyaSaved.StartsAtUtc, DateTimeKind.Utc), kavyaSaved.Status));
            Assert.Equal(AppointmentStatus.Cancelled, arjunSaved.Status);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(page, "leave-clash-failure");
            throw new InvalidOperationException($"The journey stopped at {page.Url}: {ex.Message}", ex);
        }
    }
}
