using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// What every appointment write shares inside its change: the serialisation that makes the double-booking check safe
/// on each database, the checks of who/with whom/where, and the friendly "not free" message with the next free slots.
/// </summary>
internal static class AppointmentWrites
{
    public const string DoubleBookingConstraint = "EX_Appointments_DoctorTime";

    /// <summary>
    /// Makes "check the doctor's time, then insert" safe. SQLite: the practice row lock serialises the whole
    /// transaction. PostgreSQL: nothing to take here; the exclusion constraint refuses an overlapping insert or update
    /// whatever any check saw, and the caller turns that refusal into the same friendly message.
    /// </summary>
    public static async Task SerialiseBookingAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await PracticeLock.TakeAsync(db, cancellationToken);
        }
    }

    /// <summary>
    /// Locks one appointment for the rest of the transaction, so two people changing its status at once are applied one
    /// after the other and the second sees the first's result (PostgreSQL: the row; SQLite: the practice row).
    /// </summary>
    public static Task LockAppointmentAsync(MedicalDbContext db, Guid appointmentId, CancellationToken cancellationToken) =>
        LockRowAsync(db, LockableRow.Appointment, appointmentId, cancellationToken);

    /// <summary>The practice rows a visit's changes lock one at a time.</summary>
    public enum LockableRow
    {
        Appointment,
        DoctorProfile,
    }

    /// <summary>
    /// Locks one appointment or doctor profile for the rest of the transaction: on PostgreSQL that row only; on SQLite,
    /// which locks whole databases, the practice row.
    /// </summary>
    public static async Task LockRowAsync(MedicalDbContext db, LockableRow row, Guid id, CancellationToken cancellationToken)
    {
        var practiceId = db.RequirePracticeId();
        if (!db.Database.IsNpgsql())
        {
            await PracticeLock.TakeAsync(db, practiceId, cancellationToken);
            return;
        }

        FormattableString sql = row switch
        {
            LockableRow.Appointment => $"""SELECT 1 FROM "Appointments" WHERE "TenantId" = {practiceId} AND "Id" = {id} FOR UPDATE""",
            LockableRow.DoctorProfile => $"""SELECT 1 FROM "DoctorProfiles" WHERE "TenantId" = {practiceId} AND "Id" = {id} FOR UPDATE""",
            _ => throw new ArgumentOutOfRangeException(nameof(row)),
        };
        await db.Database.ExecuteSqlAsync(sql, cancellationToken);
    }

    /// <summary>True when PostgreSQL's exclusion constraint refused an overlapping appointment of the same doctor.</summary>
    public static bool IsDoubleBooking(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation } postgres
        && (postgres.ConstraintName is null || postgres.ConstraintName == DoubleBookingConstraint);

    public static Task<Patient?> FindActivePatientAsync(MedicalDbContext db, Guid patientId, CancellationToken cancellationToken) =>
        db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == patientId && p.IsActive, cancellationToken);

    /// <summary>
    /// The doctor and location of a booking, or the field errors that say what is wrong with them. Another
    /// practice's ids are simply not found here (tenant filter), and could not be stored anyway (composite keys).
    /// </summary>
    public static async Task<(BookableDoctor? Doctor, string? LocationName, Dictionary<string, string> Errors)> CheckDoctorAndLocationAsync(
        MedicalDbContext db, Guid doctorId, Guid locationId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var doctor = await DoctorSchedule.FindDoctorAsync(db, doctorId, cancellationToken);
        if (doctor is not { IsActive: true })
        {
            errors[AppointmentFields.Doctor] = "Choose an active doctor of the practice.";
        }

        var location = await db.ClinicLocations.AsNoTracking().Where(l => l.Id == locationId)
            .Select(l => new { l.Name, l.IsActive }).FirstOrDefaultAsync(cancellationToken);
        if (location is not { IsActive: true })
        {
            errors[AppointmentFields.Location] = "Choose an open location of the practice.";
        }

        if (errors.Count == 0 && !await DoctorSchedule.PractisesAtAsync(db, doctorId, locationId, cancellationToken))
        {
            errors[AppointmentFields.Location] = $"{doctor!.Name} does not practise at {location!.Name}.";
        }

        return (errors.Count == 0 ? doctor : null, location?.Name, errors);
    }

    /// <summary>
    /// Why the requested time cannot be booked, and the next free slots instead: "Vikram Iyer is already booked at
    /// 10:00 on Tue 10 Mar. Next free: Tue 10 Mar 10:30, Tue 10 Mar 11:00 or Tue 10 Mar 11:30."
    /// </summary>
    public static string NotFreeMessage(DoctorSchedule schedule, DateOnly date, TimeOnly start, string locationName, IReadOnlyList<AppointmentSlot> alternatives)
    {
        var name = schedule.Doctor.Name;
        var when = $"{SlotRules.FormatTime(start)} on {SlotRules.FormatDay(date)}";
        string reason;
        if (schedule.Clock.ToUtc(date, start) < schedule.Clock.NowUtc)
        {
            reason = $"{when} has already passed.";
        }
        else if (schedule.OnLeave(date))
        {
            reason = $"{name} is on leave on {SlotRules.FormatDay(date)}.";
        }
        else if (schedule.AllSlots(date).Any(s => s.Start == start))
        {
            reason = $"{name} is already booked at {when}.";
        }
        else
        {
            reason = $"{when} is not one of {name}'s slots at {locationName} ({schedule.Doctor.ConsultationMinutes}-minute consultations within their hours).";
        }

        return $"{reason} {Offer(alternatives)}";
    }

    /// <summary>The message when the database refused an overlap that no check had seen yet (a booking a moment ago).</summary>
    public static string TakenMessage(string doctorName, DateOnly date, TimeOnly start, IReadOnlyList<AppointmentSlot> alternatives) =>
        $"{doctorName} is already booked at {SlotRules.FormatTime(start)} on {SlotRules.FormatDay(date)}. {Offer(alternatives)}";

    public static string Offer(IReadOnlyList<AppointmentSlot> alternatives) => alternatives.Count == 0
        ? $"There is no free slot in the next {AppointmentRules.AlternativeSearchDays} days."
        : "Next free: " + JoinOr(alternatives.Select(a => a.Describe()).ToList()) + ".";

    /// <summary>The next free slots from the requested time on (same day first, then the following days).</summary>
    public static async Task<IReadOnlyList<AppointmentSlot>> AlternativesAsync(
        MedicalDbContext db, PracticeClock clock, BookableDoctor doctor, Guid locationId, DateOnly date, TimeOnly start, Guid? ignoringAppointmentId,
        CancellationToken cancellationToken)
    {
        var first = date < clock.Today ? clock.Today : date;
        var through = first.AddDays(AppointmentRules.AlternativeSearchDays - 1);
        var schedule = await DoctorSchedule.LoadAsync(db, clock, doctor, locationId, first, through, ignoringAppointmentId, cancellationToken);
        var fromUtc = first == date ? clock.ToUtc(date, start) : clock.DayStartUtc(first);
        return schedule.NextFree(first, through, fromUtc, AppointmentRules.AlternativeCount);
    }

    /// <summary>"APT-20260310-0001 · Ravi Kumar with Vikram Iyer at Anna Nagar, Tue 10 Mar 2026 10:00–10:30".</summary>
    public static string Describe(string number, string patient, string doctor, string location, DateTime localStart, DateTime localEnd) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{number} · {patient} with {doctor} at {location}, {localStart:ddd d MMM yyyy HH:mm}–{localEnd:HH:mm}");

    public static string PatientName(Patient patient) => $"{patient.FirstName} {patient.LastName}".Trim();

    private static string JoinOr(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
    };
}
