using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>A doctor who can be booked, as the booking checks need them.</summary>
internal sealed record BookableDoctor(Guid Id, Guid UserId, string Name, int ConsultationMinutes, bool IsActive);

/// <summary>
/// One doctor's schedule at one location over a few days, loaded once: the weekly ranges there, leave, and everything
/// the doctor is already busy with at any location. Slots are then cut in memory by <see cref="SlotRules"/>.
/// </summary>
internal sealed class DoctorSchedule(
    BookableDoctor doctor,
    Guid locationId,
    PracticeClock clock,
    IReadOnlyList<DoctorAvailability> ranges,
    IReadOnlySet<DateOnly> leave,
    IReadOnlyList<BusyRange> busy)
{
    public BookableDoctor Doctor => doctor;

    public Guid LocationId => locationId;

    public PracticeClock Clock => clock;

    public IReadOnlyList<BusyRange> Busy => busy;

    public bool OnLeave(DateOnly date) => leave.Contains(date);

    /// <summary>The same schedule with more leave days: leave being added and not saved yet (moving visits off it).</summary>
    public DoctorSchedule WithLeave(IEnumerable<DateOnly> days) => new(doctor, locationId, clock, ranges, leave.Union(days).ToHashSet(), busy);

    public IReadOnlyList<LocalRange> RangesOn(DateOnly date) =>
        ranges.Where(r => r.Day == date.DayOfWeek).Select(r => new LocalRange(r.StartTime, r.EndTime)).ToList();

    /// <summary>Every slot of the day at this location, free or not.</summary>
    public IReadOnlyList<AppointmentSlot> AllSlots(DateOnly date) =>
        SlotRules.Cut(date, RangesOn(date), doctor.ConsultationMinutes, clock.Zone);

    public IReadOnlyList<AppointmentSlot> FreeSlots(DateOnly date) =>
        SlotRules.FreeSlots(date, RangesOn(date), doctor.ConsultationMinutes, OnLeave(date), clock.Zone, clock.NowUtc, busy);

    /// <summary>The first <paramref name="count"/> free slots from <paramref name="fromUtc"/> on, over the loaded days.</summary>
    public IReadOnlyList<AppointmentSlot> NextFree(DateOnly from, DateOnly through, DateTime fromUtc, int count)
    {
        var found = new List<AppointmentSlot>();
        for (var day = from; day <= through && found.Count < count; day = day.AddDays(1))
        {
            found.AddRange(FreeSlots(day).Where(s => s.StartsAtUtc >= fromUtc).Take(count - found.Count));
        }

        return found;
    }

    public static async Task<DoctorSchedule> LoadAsync(
        MedicalDbContext db, PracticeClock clock, BookableDoctor doctor, Guid locationId, DateOnly from, DateOnly through,
        Guid? ignoringAppointmentId, CancellationToken cancellationToken)
    {
        var ranges = await db.DoctorAvailability.AsNoTracking()
            .Where(a => a.DoctorProfileId == doctor.Id && a.ClinicLocationId == locationId)
            .ToListAsync(cancellationToken);
        var leave = await db.DoctorLeave.AsNoTracking()
            .Where(l => l.DoctorProfileId == doctor.Id && l.Date >= from && l.Date <= through)
            .Select(l => l.Date).ToListAsync(cancellationToken);
        var busy = await BusyAsync(db, doctor.Id, clock.DayStartUtc(from), clock.DayStartUtc(through.AddDays(1)), ignoringAppointmentId, cancellationToken);
        return new DoctorSchedule(doctor, locationId, clock, ranges, leave.ToHashSet(), busy);
    }

    /// <summary>The doctor's blocking appointments at any location that overlap [fromUtc, toUtc).</summary>
    public static async Task<IReadOnlyList<BusyRange>> BusyAsync(
        MedicalDbContext db, Guid doctorId, DateTime fromUtc, DateTime toUtc, Guid? ignoringAppointmentId, CancellationToken cancellationToken)
    {
        var blocking = Appointment.BlockingStatuses.ToList();
        return await db.Appointments.AsNoTracking()
            .Where(a => a.DoctorProfileId == doctorId && blocking.Contains(a.Status) && a.StartsAtUtc < toUtc && a.EndsAtUtc > fromUtc)
            .Where(a => ignoringAppointmentId == null || a.Id != ignoringAppointmentId)
            .Select(a => new BusyRange(a.StartsAtUtc, a.EndsAtUtc))
            .ToListAsync(cancellationToken);
    }

    public static Task<BookableDoctor?> FindDoctorAsync(MedicalDbContext db, Guid doctorId, CancellationToken cancellationToken) =>
        db.DoctorProfiles.AsNoTracking().Where(d => d.Id == doctorId)
            .Select(d => new BookableDoctor(d.Id, d.Membership!.UserId, d.Membership.User!.FullName, d.ConsultationMinutes,
                d.IsActive && d.Membership.IsActive))
            .FirstOrDefaultAsync(cancellationToken);

    public static Task<bool> PractisesAtAsync(MedicalDbContext db, Guid doctorId, Guid locationId, CancellationToken cancellationToken) =>
        db.DoctorLocations.AnyAsync(l => l.DoctorProfileId == doctorId && l.ClinicLocationId == locationId, cancellationToken);
}

/// <summary>
/// Free slots for the booking pages: a doctor's hours at a location on a practice-local day, cut into consultations,
/// without leave days, past times and times the doctor is already busy at any location.
/// </summary>
public sealed class SlotService(IDbContextFactory<MedicalDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>
    /// The free slots of the day, or none with the reason. <paramref name="ignoringAppointmentId"/> frees that
    /// appointment's own time, for rescheduling it.
    /// </summary>
    public async Task<SlotDay> GetDayAsync(Guid doctorId, Guid locationId, DateOnly date, Guid? ignoringAppointmentId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var doctor = await DoctorSchedule.FindDoctorAsync(db, doctorId, cancellationToken);
        if (doctor is not { IsActive: true })
        {
            return new SlotDay(date, [], "This doctor cannot be booked: they are not an active doctor of the practice.");
        }

        var location = await db.ClinicLocations.AsNoTracking().Where(l => l.Id == locationId && l.IsActive).Select(l => l.Name).FirstOrDefaultAsync(cancellationToken);
        if (location is null)
        {
            return new SlotDay(date, [], "This location is not an open location of the practice.");
        }

        if (!await DoctorSchedule.PractisesAtAsync(db, doctorId, locationId, cancellationToken))
        {
            return new SlotDay(date, [], $"{doctor.Name} does not practise at {location}.");
        }

        if (date < practiceClock.Today)
        {
            return new SlotDay(date, [], "This day has passed. Choose today or a later day.");
        }

        var schedule = await DoctorSchedule.LoadAsync(db, practiceClock, doctor, locationId, date, date, ignoringAppointmentId, cancellationToken);
        return new SlotDay(date, schedule.FreeSlots(date), Explain(schedule, date, location));
    }

    /// <summary>The next free slots from the start of <paramref name="from"/> (or from now), over the next two weeks.</summary>
    public async Task<IReadOnlyList<AppointmentSlot>> NextFreeAsync(
        Guid doctorId, Guid locationId, DateOnly from, int count = AppointmentRules.AlternativeCount, Guid? ignoringAppointmentId = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var doctor = await DoctorSchedule.FindDoctorAsync(db, doctorId, cancellationToken);
        if (doctor is not { IsActive: true } || !await DoctorSchedule.PractisesAtAsync(db, doctorId, locationId, cancellationToken))
        {
            return [];
        }

        var first = from < practiceClock.Today ? practiceClock.Today : from;
        var through = first.AddDays(AppointmentRules.AlternativeSearchDays - 1);
        var schedule = await DoctorSchedule.LoadAsync(db, practiceClock, doctor, locationId, first, through, ignoringAppointmentId, cancellationToken);
        return schedule.NextFree(first, through, practiceClock.DayStartUtc(first), count);
    }

    /// <summary>
    /// Whether the doctor sees patients anywhere on <paramref name="date"/>, and if not why ("On leave: conference", "No
    /// hours on Wednesdays", "Not practising at any location"): the booking page says so next to the doctor instead of
    /// leaving an empty list of locations or times. Also the open locations where the doctor has hours that day.
    /// </summary>
    public async Task<DoctorDay> GetDoctorDayAsync(Guid doctorId, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var doctor = await DoctorSchedule.FindDoctorAsync(db, doctorId, cancellationToken);
        if (doctor is not { IsActive: true })
        {
            return new DoctorDay(date, "Not an active doctor of the practice", []);
        }

        var locations = await db.DoctorLocations.AsNoTracking()
            .Where(l => l.DoctorProfileId == doctorId && l.ClinicLocation!.IsActive)
            .Select(l => l.ClinicLocationId).ToListAsync(cancellationToken);
        if (locations.Count == 0)
        {
            return new DoctorDay(date, "Not practising at any location", []);
        }

        var leave = await db.DoctorLeave.AsNoTracking().Where(l => l.DoctorProfileId == doctorId && l.Date == date)
            .Select(l => new { l.Reason }).FirstOrDefaultAsync(cancellationToken);
        if (leave is not null)
        {
            return new DoctorDay(date, leave.Reason is null ? $"On leave on {SlotRules.FormatDay(date)}" : $"On leave: {leave.Reason}", []);
        }

        var withHours = await db.DoctorAvailability.AsNoTracking()
            .Where(a => a.DoctorProfileId == doctorId && a.Day == date.DayOfWeek && locations.Contains(a.ClinicLocationId))
            .Select(a => a.ClinicLocationId).Distinct().ToListAsync(cancellationToken);
        return withHours.Count == 0
            ? new DoctorDay(date, $"No hours on {date.DayOfWeek}s", [])
            : new DoctorDay(date, null, withHours);
    }

    private static string? Explain(DoctorSchedule schedule, DateOnly date, string location)
    {
        var name = schedule.Doctor.Name;
        if (schedule.OnLeave(date))
        {
            return $"{name} is on leave on {SlotRules.FormatDay(date)}.";
        }

        if (schedule.RangesOn(date).Count == 0)
        {
            return $"{name} has no hours at {location} on {date.DayOfWeek}s.";
        }

        return schedule.FreeSlots(date).Count == 0
            ? $"No free slots are left for {name} at {location} on {SlotRules.FormatDay(date)}."
            : null;
    }
}
