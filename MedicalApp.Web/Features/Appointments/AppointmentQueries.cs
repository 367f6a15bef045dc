using MedicalApp.Data.Plans;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Appointments;

/// <summary>
/// What the appointment pages read: one appointment with what the viewer may do, the Today / Upcoming / Past lists,
/// the day and week calendar and the booking choices. Times come back in the practice's zone. Each read checks the
/// signed-in member may see appointments (every role may), as the database says now.
/// </summary>
public sealed class AppointmentQueries(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, TimeProvider clock)
{
    public static IReadOnlyList<int> PageSizes { get; } = [10, 25, 50];

    /// <summary>The appointment, or null when there is none with this id in this practice.</summary>
    public async Task<AppointmentDetails?> GetAsync(Guid appointmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var viewer = await actors.RequireAsync(db, PracticePermission.BookAppointments, cancellationToken: cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var found = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId)
            .Select(a => new
            {
                Row = new RowData(a.Id, a.Number, a.PatientId, a.Patient!.FirstName, a.Patient.LastName, a.Patient.Mobile, a.DoctorProfileId,
                    a.Doctor!.Membership!.User!.FullName, a.ClinicLocationId, a.ClinicLocation!.Name, a.StartsAtUtc, a.EndsAtUtc, a.Status, a.IsWalkIn, a.Reason,
                    a.TokenNumber, a.ArrivedAtUtc, a.UrgentSinceUtc, a.UrgentReason),
                a.Notes,
                a.CancellationReason,
                a.CreatedAtUtc,
                a.StatusChangedAtUtc,
                DoctorUserId = a.Doctor.Membership.UserId,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var row = ToRow(found.Row, practiceClock);
        return new AppointmentDetails(row, found.Notes, found.CancellationReason, practiceClock.ToLocal(found.CreatedAtUtc),
            found.StatusChangedAtUtc is { } changed ? practiceClock.ToLocal(changed) : null, found.DoctorUserId,
            ActionsFor(viewer, row.Status, found.DoctorUserId, row.Date, row.StartsAtUtc, practiceClock))
        {
            ArrivedAtLocal = row.ArrivedAtUtc is { } arrived ? practiceClock.ToLocal(arrived) : null,
        };
    }

    /// <summary>
    /// What the viewer may do with an appointment now, by the same rules the service applies (it checks again):
    /// schedulers confirm, cancel, mark no-show (once the time has come) and reschedule; the appointment's doctor or an
    /// administrator starts (today's) and completes consultations.
    /// </summary>
    public static AppointmentActions ActionsFor(PracticeActor viewer, AppointmentStatus status, Guid doctorUserId, DateOnly date, DateTime startsAtUtc, PracticeClock clock)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(clock);
        var schedule = viewer.May(PracticePermission.BookAppointments);
        var treat = viewer.MayTreatFor(doctorUserId);
        var startable = AppointmentStatusRules.CanMove(status, AppointmentStatus.InProgress);
        var writes = doctorUserId == viewer.UserId && viewer.May(PracticePermission.WritePrescriptions);
        return new AppointmentActions(
            Confirm: schedule && AppointmentStatusRules.CanMove(status, AppointmentStatus.Confirmed),
            Start: treat && startable && date == clock.Today,
            Complete: treat && AppointmentStatusRules.CanMove(status, AppointmentStatus.Completed),
            Cancel: schedule && AppointmentStatusRules.CanMove(status, AppointmentStatus.Cancelled),
            NoShow: schedule && AppointmentStatusRules.CanMove(status, AppointmentStatus.NoShow) && startsAtUtc <= clock.NowUtc,
            Reschedule: schedule && AppointmentStatusRules.CanReschedule(status))
        {
            CheckIn = schedule && AppointmentStatusRules.CanMove(status, AppointmentStatus.Arrived) && date == clock.Today,
            StartRefusal = !startable ? null
                : !treat ? "Only the appointment's doctor or an administrator can start a consultation."
                : date != clock.Today ? "Only today's appointments can be started."
                : null,
            WritesConsultation = writes,
            OpenConsultation = status is AppointmentStatus.InProgress or AppointmentStatus.Completed
                && (writes || viewer.May(PracticePermission.TreatAnyPatient)),
        };
    }

    /// <summary>One page of today's, upcoming (from tomorrow, soonest first) or past (newest first) appointments.</summary>
    public async Task<AppointmentPage> ListAsync(AppointmentListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.BookAppointments, cancellationToken: cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var todayStart = practiceClock.DayStartUtc(practiceClock.Today);
        var tomorrowStart = practiceClock.DayStartUtc(practiceClock.Today.AddDays(1));

        var appointments = db.Appointments.AsNoTracking();
        appointments = query.Period switch
        {
            AppointmentPeriod.Today => appointments.Where(a => a.StartsAtUtc >= todayStart && a.StartsAtUtc < tomorrowStart),
            AppointmentPeriod.Upcoming => appointments.Where(a => a.StartsAtUtc >= tomorrowStart),
            _ => appointments.Where(a => a.StartsAtUtc < todayStart),
        };
        if (query.Status is { } status)
        {
            appointments = appointments.Where(a => a.Status == status);
        }

        if (query.DoctorId is { } doctorId)
        {
            appointments = appointments.Where(a => a.DoctorProfileId == doctorId);
        }

        if (query.LocationId is { } locationId)
        {
            appointments = appointments.Where(a => a.ClinicLocationId == locationId);
        }

        var total = await appointments.CountAsync(cancellationToken);
        appointments = query.Period == AppointmentPeriod.Past
            ? appointments.OrderByDescending(a => a.StartsAtUtc).ThenBy(a => a.Number)
            : appointments.OrderBy(a => a.StartsAtUtc).ThenBy(a => a.Number);
        var size = Math.Clamp(query.PageSize, 1, 100);
        var rows = await Project(appointments.Skip(Math.Max(0, query.Page) * size).Take(size)).ToListAsync(cancellationToken);
        return new AppointmentPage(rows.Select(r => ToRow(r, practiceClock)).ToList(), total, practiceClock.Today);
    }

    /// <summary>
    /// A doctor's appointments at every location, or a location's appointments with every doctor, over
    /// <see cref="CalendarQuery.Days"/> days, with the hours to draw and the doctors and leave days involved.
    /// </summary>
    public async Task<CalendarData> CalendarAsync(CalendarQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.BookAppointments, cancellationToken: cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var days = Math.Clamp(query.Days, 1, 31);
        var last = query.From.AddDays(days - 1);
        var fromUtc = practiceClock.DayStartUtc(query.From);
        var toUtc = practiceClock.DayStartUtc(last.AddDays(1));

        var appointments = db.Appointments.AsNoTracking().Where(a => a.StartsAtUtc < toUtc && a.EndsAtUtc > fromUtc);
        appointments = query.Mode == CalendarMode.Doctor
            ? appointments.Where(a => a.DoctorProfileId == query.Id)
            : appointments.Where(a => a.ClinicLocationId == query.Id);
        if (!query.IncludeCancelled)
        {
            var blocking = Appointment.BlockingStatuses.ToList();
            appointments = appointments.Where(a => blocking.Contains(a.Status));
        }

        var rows = (await Project(appointments.OrderBy(a => a.StartsAtUtc)).ToListAsync(cancellationToken))
            .Select(r => ToRow(r, practiceClock)).ToList();

        var options = await DoctorChoicesAsync(db, cancellationToken);
        var doctors = query.Mode == CalendarMode.Doctor
            ? options.Where(d => d.Id == query.Id).ToList()
            : options.Where(d => d.LocationIds.Contains(query.Id) || rows.Any(r => r.DoctorId == d.Id)).ToList();
        var doctorIds = doctors.Select(d => d.Id).ToList();

        var weekdays = Enumerable.Range(0, days).Select(i => query.From.AddDays(i).DayOfWeek).Distinct().ToList();
        var availability = db.DoctorAvailability.AsNoTracking().Where(a => doctorIds.Contains(a.DoctorProfileId) && weekdays.Contains(a.Day));
        if (query.Mode == CalendarMode.Location)
        {
            availability = availability.Where(a => a.ClinicLocationId == query.Id);
        }

        var hours = await availability.Select(a => new { a.StartTime, a.EndTime }).ToListAsync(cancellationToken);
        var leave = await db.DoctorLeave.AsNoTracking()
            .Where(l => doctorIds.Contains(l.DoctorProfileId) && l.Date >= query.From && l.Date <= last)
            .Select(l => new { l.DoctorProfileId, l.Date }).ToListAsync(cancellationToken);

        var starts = hours.Select(h => h.StartTime).Concat(rows.Select(r => TimeOnly.FromDateTime(r.LocalStart))).ToList();
        var ends = hours.Select(h => h.EndTime)
            .Concat(rows.Select(r => r.Date == DateOnly.FromDateTime(r.LocalEnd) ? TimeOnly.FromDateTime(r.LocalEnd) : TimeOnly.MaxValue)).ToList();
        var dayStart = starts.Count == 0 ? new TimeOnly(9, 0) : FloorToHalfHour(starts.Min());
        var dayEnd = ends.Count == 0 ? new TimeOnly(18, 0) : CeilingToHalfHour(ends.Max());
        if (dayEnd <= dayStart)
        {
            dayEnd = dayStart.AddMinutes(30) > dayStart ? dayStart.AddMinutes(30) : TimeOnly.MaxValue;
        }

        var leaveDays = leave.Select(l => (l.DoctorProfileId, l.Date)).ToList();
        var (dated, opening, slots) = await CalendarAvailability.LoadAsync(db, practiceClock, query, doctors, leaveDays, cancellationToken);
        return new CalendarData(rows, dayStart, dayEnd, doctors, leaveDays, practiceClock.Today)
        {
            Hours = dated,
            Opening = opening,
            Slots = slots,
        };
    }

    /// <summary>Active doctors with where they practise, active locations (registered first), and today in the practice.</summary>
    public async Task<BookingOptions> BookingOptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.BookAppointments, cancellationToken: cancellationToken);
        var practiceClock = await PracticeClock.ReadAsync(db, clock, cancellationToken);
        var locations = await db.ClinicLocations.AsNoTracking().Where(l => l.IsActive)
            .OrderByDescending(l => l.IsRegisteredLocation).ThenBy(l => l.Name)
            .Select(l => new LocationChoice(l.Id, l.Name, l.IsRegisteredLocation))
            .ToListAsync(cancellationToken);
        return new BookingOptions(await DoctorChoicesAsync(db, cancellationToken), locations, practiceClock.Today, practiceClock.ZoneId);
    }

    internal static async Task<IReadOnlyList<DoctorChoice>> DoctorChoicesAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        var doctors = await PlanCountedDoctors(db)
            .Select(d => new { d.Id, d.Membership!.UserId, d.Membership.User!.FullName, d.ConsultationMinutes })
            .ToListAsync(cancellationToken);
        var links = await db.DoctorLocations.AsNoTracking().Where(l => l.ClinicLocation!.IsActive)
            .Select(l => new { l.DoctorProfileId, l.ClinicLocationId }).ToListAsync(cancellationToken);
        return doctors
            .Select(d => new DoctorChoice(d.Id, d.UserId, d.FullName, d.ConsultationMinutes,
                links.Where(l => l.DoctorProfileId == d.Id).Select(l => l.ClinicLocationId).ToList()))
            .OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    internal static IQueryable<RowData> Project(IQueryable<Appointment> appointments) =>
        appointments.Select(a => new RowData(a.Id, a.Number, a.PatientId, a.Patient!.FirstName, a.Patient.LastName, a.Patient.Mobile, a.DoctorProfileId,
            a.Doctor!.Membership!.User!.FullName, a.ClinicLocationId, a.ClinicLocation!.Name, a.StartsAtUtc, a.EndsAtUtc, a.Status, a.IsWalkIn, a.Reason,
            a.TokenNumber, a.ArrivedAtUtc, a.UrgentSinceUtc, a.UrgentReason));

    internal static AppointmentRow ToRow(RowData r, PracticeClock clock) =>
        new(r.Id, r.Number, r.PatientId, $"{r.FirstName} {r.LastName}".Trim(), r.Mobile, r.DoctorId, r.DoctorName, r.LocationId, r.LocationName,
            clock.ToLocal(r.StartsAtUtc), clock.ToLocal(r.EndsAtUtc), r.StartsAtUtc, r.Status, r.IsWalkIn, r.Reason)
        {
            TokenNumber = r.TokenNumber,
            ArrivedAtUtc = r.ArrivedAtUtc,
            UrgentSinceUtc = r.UrgentSinceUtc,
            UrgentReason = r.UrgentReason,
        };

    // Doctors who can be booked are the ones the plan counts: an active profile of an active member.
    private static IQueryable<DoctorProfile> PlanCountedDoctors(MedicalDbContext db) =>
        PlanLimitService.CountedDoctors(db.DoctorProfiles.AsNoTracking());

    private static TimeOnly FloorToHalfHour(TimeOnly time) => new(time.Hour, time.Minute < 30 ? 0 : 30);

    private static TimeOnly CeilingToHalfHour(TimeOnly time)
    {
        var minutes = (time.Hour * 60) + time.Minute + (time.Second > 0 ? 1 : 0);
        var rounded = (minutes + 29) / 30 * 30;
        return rounded >= 24 * 60 ? TimeOnly.MaxValue : new TimeOnly(rounded / 60, rounded % 60);
    }

    /// <summary>The columns an appointment row is read with, before its times are put in the practice's zone.</summary>
    internal sealed record RowData(
        Guid Id, string Number, Guid PatientId, string FirstName, string LastName, string Mobile, Guid DoctorId, string DoctorName,
        Guid LocationId, string LocationName, DateTime StartsAtUtc, DateTime EndsAtUtc, AppointmentStatus Status, bool IsWalkIn, string? Reason,
        int? TokenNumber, DateTime? ArrivedAtUtc, DateTime? UrgentSinceUtc, string? UrgentReason);
}
