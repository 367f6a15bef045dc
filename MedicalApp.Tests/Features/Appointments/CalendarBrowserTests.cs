using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Doctors;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// The calendar in Chromium on the fixed clock (Tuesday 10 March 2026, 09:40 in Chennai), its own app and database.
/// Asha is given Wednesday hours at Anna Nagar beside Vikram; Kavya is booked with Vikram at 10:00 and Anil with Asha
/// at 12:00. Reception opens Wednesday at Anna Nagar (a column per doctor), moves Kavya to Asha with the keyboard (M,
/// arrows, Enter: focus comes back to her block), drags her back into Vikram's column, is told why a drop on Anil's
/// time is refused, Tabs into the grid once and walks it with the arrows to an empty slot that Enter books, books
/// Asha from the location's week (a lane per doctor), walks the doctor's week and month (a day of the month is a link
/// to that day), and sees "Quick register" whole beside the patient field at the reception desk (1024 px). Axe runs
/// on each view.
/// </summary>
public sealed class CalendarBrowserTests(FixedClockKestrelFixture fixture) : IClassFixture<FixedClockKestrelFixture>
{
    private static readonly DateOnly Wednesday = AppointmentFixture.Wednesday;

    private string PracticeUrl => $"{fixture.BaseUrl}/t/demo";

    private sealed record Seeded(Guid Vikram, Guid Asha, Guid AnnaNagar, Guid Kavya);

    [Fact]
    public async Task Reception_moves_by_keyboard_and_by_drag_books_an_empty_slot_with_enter_and_walks_day_week_and_month()
    {
        var seeded = await SeedAsync();
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        try
        {
            await ChromiumSession.SignInAsync(page, PracticeUrl, "reception@demo.test", MedicalAppFactory.DemoPassword);
            await page.GotoAsync($"{PracticeUrl}/appointments/calendar?mode=location&id={seeded.AnnaNagar}&view=day&date=2026-03-11");
            await ChromiumSession.WaitForCircuitAsync(page);
            await Assertions.Expect(page.GetByTestId("calendar-column")).ToHaveCountAsync(2);
            await Assertions.Expect(page.GetByTestId("calendar-column").Nth(0)).ToContainTextAsync("Asha Raman");
            await Assertions.Expect(page.GetByTestId("calendar-column").Nth(1)).ToContainTextAsync("Vikram Iyer");
            var kavya = page.Locator("[data-testid=calendar-block][data-number='APT-20260311-9001']");
            await Assertions.Expect(kavya).ToContainTextAsync("Persistent cough");
            await browser.ScreenshotAsync(page, "calendar-01-location-day");

            await MovesByKeyboardAsync(page, kavya);
            await DragsToAnotherDoctorAsync(page, seeded);
            await BooksAnEmptySlotWithTheKeyboardAsync(browser, page, seeded);
            await BooksFromTheLocationsWeekAsync(browser, page, seeded);
            await WalksWeekAndMonthAsync(browser, page, seeded);
            await QuickRegisterFitsBesideThePatientFieldAsync(browser, page);
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            await browser.ScreenshotAsync(page, "calendar-failure");
            throw new InvalidOperationException($"The calendar journey stopped at {page.Url}: {ex.Message}", ex);
        }
    }

    private async Task MovesByKeyboardAsync(IPage page, ILocator kavya)
    {
        await kavya.FocusAsync();
        await Assertions.Expect(kavya).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("m");
        await Assertions.Expect(page.GetByTestId("calendar-moving")).ToContainTextAsync("to Vikram Iyer, Wed 11 Mar 10:00");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByTestId("calendar-moving")).ToContainTextAsync("to Vikram Iyer, Wed 11 Mar 10:30");
        await Assertions.Expect(page.GetByTestId("calendar-live")).ToHaveTextAsync("Move APT-20260311-9001 to Vikram Iyer, Wed 11 Mar 10:30.");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(page.GetByTestId("calendar-moving")).ToContainTextAsync("to Asha Raman, Wed 11 Mar 10:30");
        await page.Keyboard.PressAsync("Enter");

        // The block is drawn anew in Asha's column, and the focus is back on it; the live region says what happened.
        await Assertions.Expect(page.GetByTestId("calendar-message")).ToContainTextAsync("APT-20260311-9001 moved to Wed 11 Mar 10:30 with Asha Raman.");
        await Assertions.Expect(page.GetByTestId("calendar-live")).ToContainTextAsync("APT-20260311-9001 moved to Wed 11 Mar 10:30 with Asha Raman.");
        var moved = page.Locator("[data-column='0'] [data-testid=calendar-block][data-number='APT-20260311-9001']");
        await Assertions.Expect(moved).ToBeFocusedAsync();
        await Assertions.Expect(moved).ToHaveAttributeAsync("tabindex", "0");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var saved = await KavyasAsync();
        Assert.Equal(AppointmentFixture.Utc(Wednesday, 10, 30), saved.StartsAtUtc);
    }

    private async Task DragsToAnotherDoctorAsync(IPage page, Seeded seeded)
    {
        // The grid starts at 09:00 (the doctors' earliest hours) at 1.6 px a minute; the block is grabbed 5 px below its top.
        var kavya = page.Locator("[data-testid=calendar-block][data-number='APT-20260311-9001']");
        var ashaColumn = page.Locator("[data-column='0']");
        var vikramColumn = page.Locator("[data-column='1']");
        await kavya.DragToAsync(vikramColumn, new() { SourcePosition = new() { X = 10, Y = 5 }, TargetPosition = new() { X = 20, Y = (120 * 1.6f) + 5 + 2 } });

        await Assertions.Expect(page.GetByTestId("calendar-message")).ToContainTextAsync("APT-20260311-9001 moved to Wed 11 Mar 11:00 with Vikram Iyer.");
        var moved = await KavyasAsync();
        Assert.Equal(seeded.Vikram, moved.DoctorProfileId);
        Assert.Equal(AppointmentFixture.Utc(Wednesday, 11), moved.StartsAtUtc);

        // Onto Anil's 12:00 with Asha: the service refuses, and the calendar says why next to the grid; nothing moves.
        await Assertions.Expect(vikramColumn.Locator("[data-number='APT-20260311-9001']")).ToHaveCountAsync(1);
        kavya = vikramColumn.Locator("[data-number='APT-20260311-9001']");
        await kavya.DragToAsync(ashaColumn, new() { SourcePosition = new() { X = 10, Y = 5 }, TargetPosition = new() { X = 20, Y = (180 * 1.6f) + 5 + 2 } });
        var refusal = page.GetByTestId("calendar-message");
        await Assertions.Expect(refusal).ToHaveAttributeAsync("data-outcome", "Refused");
        await Assertions.Expect(refusal).ToContainTextAsync("Asha Raman is already booked at 12:00 on Wed 11 Mar.");
        moved = await KavyasAsync();
        Assert.Equal((seeded.Vikram, AppointmentFixture.Utc(Wednesday, 11)), (moved.DoctorProfileId, moved.StartsAtUtc));
    }

    /// <summary>
    /// The grid is one Tab stop: Tab from the last control above it lands on its first cell (Asha's 09:00), the arrow
    /// keys walk slots and blocks (each step waits for the focus to arrive), and Enter on a free slot books it.
    /// </summary>
    private async Task BooksAnEmptySlotWithTheKeyboardAsync(ChromiumSession browser, IPage page, Seeded seeded)
    {
        await page.GotoAsync($"{PracticeUrl}/appointments/calendar?mode=location&id={seeded.AnnaNagar}&view=day&date=2026-03-11");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=calendar-grid] [tabindex='0']")).ToHaveCountAsync(1);
        // The arrow keys are followed by the calendar's script once it is loaded (after the circuit starts).
        await Assertions.Expect(page.Locator("[data-calendar-keys=ready]")).ToHaveCountAsync(1);
        var showCancelled = page.GetByLabel("Show cancelled and no-shows");
        await showCancelled.FocusAsync();
        await Assertions.Expect(showCancelled).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(Slot(page, "Book Asha Raman 09:00")).ToBeFocusedAsync();

        await PressAsync(page, "ArrowRight", Slot(page, "Book Vikram Iyer 09:00"));
        await PressAsync(page, "ArrowDown", Slot(page, "Book Vikram Iyer 09:30"));
        await PressAsync(page, "ArrowDown", Slot(page, "Book Vikram Iyer 10:00"));
        await PressAsync(page, "ArrowDown", Slot(page, "Book Vikram Iyer 10:30"));
        await PressAsync(page, "ArrowDown", page.Locator("[data-testid=calendar-block][data-number='APT-20260311-9001']"));
        await PressAsync(page, "ArrowDown", Slot(page, "Book Vikram Iyer 11:30"));
        // Only the focused cell is a Tab stop; the arrows did not scroll the page away from it.
        await Assertions.Expect(page.Locator("[data-testid=calendar-grid] [tabindex='0']")).ToHaveAttributeAsync("aria-label", "Book Vikram Iyer 11:30");
        await Assertions.Expect(Slot(page, "Book Vikram Iyer 11:30")).ToBeInViewportAsync();
        await browser.ScreenshotAsync(page, "calendar-02-keyboard-on-a-free-slot");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/appointments/book\?.*start=11(:|%3A)30"));
        await Assertions.Expect(page.GetByTestId("book")).ToHaveTextAsync("Book Wed 11 Mar 11:30");
        await ChoosePatientAsync(page, "anil", "Anil Menon");
        await browser.ScreenshotAsync(page, "calendar-03-booking-from-slot");
        await page.GetByTestId("book").ClickAsync();

        await Assertions.Expect(page.GetByTestId("booked-alert")).ToContainTextAsync("with Vikram Iyer on Wed 11 Mar at 11:30");
        var booked = await fixture.App.InPracticeAsync("demo", db => db.Appointments.AsNoTracking()
            .SingleAsync(a => a.Patient!.FirstName == "Anil" && a.StartsAtUtc == AppointmentFixture.Utc(Wednesday, 11, 30)));
        Assert.Equal((AppointmentStatus.Scheduled, seeded.Vikram), (booked.Status, booked.DoctorProfileId));
    }

    /// <summary>
    /// A location's week has a lane per doctor in every day, so a free slot there is one doctor's: Asha's 12:30 on
    /// Wednesday books Kavya with Asha (Kavya's 11:00 is with Vikram: no same-day question).
    /// </summary>
    private async Task BooksFromTheLocationsWeekAsync(ChromiumSession browser, IPage page, Seeded seeded)
    {
        await page.GotoAsync($"{PracticeUrl}/appointments/calendar?mode=location&id={seeded.AnnaNagar}&view=week&date=2026-03-11");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("calendar-range")).ToHaveTextAsync("9 Mar – 15 Mar 2026");
        await Assertions.Expect(page.GetByTestId("calendar-lanes")).ToHaveTextAsync("Each day has a lane per doctor, left to right: AR Asha Raman, VI Vikram Iyer.");
        var slot = Slot(page, "Book Asha Raman Wed 11 Mar 12:30");
        await Assertions.Expect(slot).ToHaveAttributeAsync("data-doctor", "Asha Raman");
        await Assertions.Expect(Slot(page, "Book Vikram Iyer Thu 12 Mar 09:00")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync(page, "calendar-04-location-week");
        await slot.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"/appointments/book\?doctorId={seeded.Asha}&.*start=12(:|%3A)30"));
        await Assertions.Expect(page.GetByTestId("book")).ToHaveTextAsync("Book Wed 11 Mar 12:30");
        await ChoosePatientAsync(page, "kavya", "Kavya Nair");
        await page.GetByTestId("book").ClickAsync();

        await Assertions.Expect(page.GetByTestId("booked-alert")).ToContainTextAsync("with Asha Raman on Wed 11 Mar at 12:30");
        var booked = await fixture.App.InPracticeAsync("demo", db => db.Appointments.AsNoTracking()
            .SingleAsync(a => a.PatientId == seeded.Kavya && a.StartsAtUtc == AppointmentFixture.Utc(Wednesday, 12, 30)));
        Assert.Equal((seeded.Asha, seeded.AnnaNagar), (booked.DoctorProfileId, booked.ClinicLocationId));
    }

    /// <summary>At 1024 px the reception desk's "Quick register" is whole, inside the walk-in form's patient column.</summary>
    private async Task QuickRegisterFitsBesideThePatientFieldAsync(ChromiumSession browser, IPage page)
    {
        await page.GotoAsync($"{PracticeUrl}/reception");
        await ChromiumSession.WaitForCircuitAsync(page);
        var button = page.GetByTestId("quick-register");
        await Assertions.Expect(button).ToBeVisibleAsync();
        await Assertions.Expect(button).ToBeInViewportAsync(new() { Ratio = 1 });
        var column = page.GetByTestId("patient-lookup").Locator("..");
        var buttonBox = (await button.BoundingBoxAsync())!;
        var columnBox = (await column.BoundingBoxAsync())!;
        Assert.True(buttonBox.X + buttonBox.Width <= columnBox.X + columnBox.Width + 0.5,
            $"Quick register ends at {buttonBox.X + buttonBox.Width} px, past its column's {columnBox.X + columnBox.Width} px.");
        await browser.ScreenshotAsync(page, "calendar-07-reception-quick-register");
    }

    private static ILocator Slot(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Presses a key in the grid and waits for the focus to arrive where it should (the next key goes there).</summary>
    private static async Task PressAsync(IPage page, string key, ILocator focused)
    {
        await page.Keyboard.PressAsync(key);
        await Assertions.Expect(focused).ToBeFocusedAsync();
    }

    private static async Task ChoosePatientAsync(IPage page, string typed, string name)
    {
        var field = page.GetByLabel("Patient", new() { Exact = true });
        await field.ClickAsync();
        await field.PressSequentiallyAsync(typed, new() { Delay = 80 });
        await Assertions.Expect(field).ToHaveValueAsync(typed);
        await page.GetByTestId("patient-match").Filter(new() { HasText = name }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("patient-chosen")).ToContainTextAsync(name);
    }

    private static async Task WalksWeekAndMonthAsync(ChromiumSession browser, IPage page, Seeded seeded)
    {
        await page.GotoAsync($"{page.Url.Split("/appointments/")[0]}/appointments/calendar?mode=doctor&id={seeded.Vikram}&view=week&date=2026-03-11");
        await ChromiumSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("calendar-range")).ToHaveTextAsync("9 Mar – 15 Mar 2026");
        await Assertions.Expect(page.GetByTestId("calendar-column")).ToHaveCountAsync(7);
        await Assertions.Expect(page.GetByTestId("calendar-block")).ToHaveCountAsync(2);
        await browser.ScreenshotAsync(page, "calendar-05-doctor-week");

        await page.GetByTestId("calendar-view").GetByText("Month", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-range")).ToHaveTextAsync("March 2026");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("view=month"));
        await Assertions.Expect(page.GetByTestId("month-day")).ToHaveCountAsync(31);
        // Each day is a link to its day, named by the weekday, the date and the counts.
        var eleventh = page.GetByRole(AriaRole.Link, new() { Name = "Wednesday 11 March: 2 appointments, 2 scheduled", Exact = true });
        await Assertions.Expect(eleventh).ToHaveAttributeAsync("data-date", "2026-03-11");
        await Assertions.Expect(eleventh).ToContainTextAsync("2 appointments");
        await browser.ScreenshotAsync(page, "calendar-06-doctor-month");

        await eleventh.FocusAsync();
        await Assertions.Expect(eleventh).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("calendar-range")).ToHaveTextAsync("Wednesday 11 Mar 2026");
        await Assertions.Expect(page.GetByTestId("calendar-block")).ToHaveCountAsync(2);

        // The block opens the appointment, whose notes reception edits (the service checks and audits).
        await page.Locator("[data-testid=calendar-block][data-number='APT-20260311-9001']").ClickAsync();
        await page.GetByTestId("action-edit-texts").ClickAsync();
        var notes = ChromiumSession.Field(page, "edit-notes");
        await Assertions.Expect(ChromiumSession.Field(page, "edit-reason")).ToBeFocusedAsync();
        await notes.FillAsync("Bring the home BP readings");
        await Assertions.Expect(notes).ToHaveValueAsync("Bring the home BP readings");
        await page.GetByTestId("save-texts").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dialog-message")).ToContainTextAsync("Saved the reason and notes of");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Bring the home BP readings");
        await page.GetByTestId("dialog-close").ClickAsync();

        // The view and day live in the address: back returns to the month.
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByTestId("calendar-range")).ToHaveTextAsync("March 2026");
    }

    private Task<Appointment> KavyasAsync() =>
        fixture.App.InPracticeAsync("demo", db => db.Appointments.AsNoTracking().SingleAsync(a => a.Number == "APT-20260311-9001"));

    private async Task<Seeded> SeedAsync()
    {
        var (vikram, asha) = await DemoDoctors.EnsureAsync(fixture.App);
        var (annaNagar, kavya) = await fixture.App.InPracticeAsync("demo", async db =>
        {
            var location = await db.ClinicLocations.Where(l => l.Name.EndsWith("Anna Nagar")).Select(l => l.Id).SingleAsync();
            if (!await db.DoctorLocations.AnyAsync(l => l.DoctorProfileId == asha && l.ClinicLocationId == location))
            {
                db.DoctorLocations.Add(new DoctorLocation { DoctorProfileId = asha, ClinicLocationId = location });
            }

            db.DoctorAvailability.Add(new DoctorAvailability
            {
                DoctorProfileId = asha, ClinicLocationId = location, Day = DayOfWeek.Wednesday, StartTime = new(9, 0), EndTime = new(13, 0),
            });
            var kavya = Patient("Kavya", "Nair", "9840055501", Gender.Female);
            var anil = Patient("Anil", "Menon", "9840055502", Gender.Male);
            db.Patients.AddRange(kavya, anil);
            db.Appointments.AddRange(
                Booking("APT-20260311-9001", kavya, vikram, location, 10, "Persistent cough and mild fever for a week"),
                Booking("APT-20260311-9002", anil, asha, location, 12, "Blood pressure review"));
            await db.SaveChangesAsync();
            return (location, kavya.Id);
        });
        return new Seeded(vikram, asha, annaNagar, kavya);
    }

    private static Patient Patient(string first, string last, string mobile, Gender gender) => new()
    {
        FirstName = first, LastName = last, FirstNameKey = first.ToLowerInvariant(), SearchName = $"{first} {last}".ToLowerInvariant(),
        Mobile = mobile, IsPrimary = true, Relationship = FamilyRelationship.Self, Gender = gender, DateOfBirth = new DateOnly(1985, 2, 3),
        IsActive = true, CreatedAtUtc = DateTime.UtcNow,
    };

    private static Appointment Booking(string number, Patient patient, Guid doctorId, Guid locationId, int hour, string reason) => new()
    {
        Number = number, Patient = patient, DoctorProfileId = doctorId, ClinicLocationId = locationId,
        StartsAtUtc = AppointmentFixture.Utc(Wednesday, hour), EndsAtUtc = AppointmentFixture.Utc(Wednesday, hour, 30),
        Status = AppointmentStatus.Scheduled, Reason = reason, CreatedAtUtc = DateTime.UtcNow,
    };
}
