using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dashboards;

/// <summary>
/// The figures of the home page dashboards, counted by the database inside the scope's practice. Every method reads
/// the signed-in member (<see cref="PracticeActor"/>) from the database here, on the server, whatever the page decided
/// to show: a doctor sees only their own queue, only administrators see the admin dashboard.
/// </summary>
public sealed class DashboardService(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, TimeProvider clock)
{
    /// <summary>The signed-in member's doctor dashboard, or null when they have no active doctor profile here.</summary>
    public async Task<DoctorDashboard?> GetDoctorDashboardAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { DoctorProfileId: { } doctorId } actor)
        {
            return null;
        }

        var doctor = new { Id = doctorId, actor.FullName };

        var now = clock.GetUtcNow().UtcDateTime;
        var today = await TodayAsync(db, now, cancellationToken);
        var todays = db.Appointments.AsNoTracking()
            .Where(a => a.DoctorProfileId == doctor.Id && a.StartsAtUtc >= today.StartUtc && a.StartsAtUtc < today.EndUtc);

        var queue = InQueueOrder(await ToEntries(todays.OrderBy(a => a.StartsAtUtc).ThenBy(a => a.Number))
            .ToListAsync(cancellationToken));
        var counts = await todays.GroupBy(a => a.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // "Next" is the first patient waiting in queue order (the urgent first, then by token); when nobody has checked
        // in, the first appointment still to be seen: booked, not over yet (a patient running late is still next).
        var next = queue.FirstOrDefault(e => e.Status == AppointmentStatus.Arrived)
            ?? await ToEntries(db.Appointments.AsNoTracking()
                .Where(a => a.DoctorProfileId == doctor.Id && (a.Status == AppointmentStatus.Scheduled || a.Status == AppointmentStatus.Confirmed) && a.EndsAtUtc > now)
                .OrderBy(a => a.StartsAtUtc).ThenBy(a => a.Number))
            .FirstOrDefaultAsync(cancellationToken);

        return new DoctorDashboard(
            doctor.Id,
            doctor.FullName,
            today,
            queue.Select(e => e.ToEntry(today)).ToList(),
            StatusCounts.From(counts.Select(c => KeyValuePair.Create(c.Status, c.Count))),
            next?.ToEntry(today));
    }

    /// <summary>Today per location by status, for any active member of the practice (reception, nursing, admins).</summary>
    public async Task<PracticeDaySummary?> GetDaySummaryAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is null)
        {
            return null;
        }

        return await DaySummaryAsync(db, cancellationToken);
    }

    /// <summary>The admin dashboard, or null unless the signed-in member may see the practice overview.</summary>
    public async Task<AdminDashboard?> GetAdminDashboardAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor || !actor.May(PracticePermission.ViewPracticeOverview))
        {
            return null;
        }

        var summary = await DaySummaryAsync(db, cancellationToken);

        // The same doctors the plan counts: an active profile of an active member. Specializations are a text[] on
        // PostgreSQL and a JSON array on SQLite, where EF cannot unnest them in a grouped query; a practice has few
        // doctors (the plan limits them), so the lists are read and grouped here, one provider-independent way.
        var specializations = await db.DoctorProfiles.AsNoTracking()
            .Where(d => d.IsActive && d.Membership!.IsActive)
            .Select(d => d.Specializations)
            .ToListAsync(cancellationToken);

        // A doctor counts once per specialization; "Cardiology" and "cardiology" written by two doctors are one row.
        var bySpecialization = specializations
            .SelectMany(list => list.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
            .GroupBy(s => s, StringComparer.OrdinalIgnoreCase)
            .Select(g => new SpecializationCount(
                g.GroupBy(s => s, StringComparer.Ordinal).OrderByDescending(v => v.Count()).ThenBy(v => v.Key, StringComparer.Ordinal).First().Key,
                g.Count()))
            .OrderByDescending(s => s.Doctors).ThenBy(s => s.Specialization, StringComparer.OrdinalIgnoreCase)
            .ToList();

        return new AdminDashboard(summary, bySpecialization, specializations.Count);
    }

    private async Task<PracticeDaySummary> DaySummaryAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        var today = await TodayAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var counts = await db.Appointments.AsNoTracking()
            .Where(a => a.StartsAtUtc >= today.StartUtc && a.StartsAtUtc < today.EndUtc)
            .GroupBy(a => new { a.ClinicLocationId, a.Status })
            .Select(g => new { g.Key.ClinicLocationId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // Every open location gets a row (a quiet day shows zeros); a closed one only when it still has appointments today.
        var withAppointments = counts.Select(c => c.ClinicLocationId).Distinct().ToList();
        var locations = await db.ClinicLocations.AsNoTracking()
            .Where(l => l.IsActive || withAppointments.Contains(l.Id))
            .OrderByDescending(l => l.IsRegisteredLocation).ThenBy(l => l.Name)
            .Select(l => new { l.Id, l.Name, l.IsActive })
            .ToListAsync(cancellationToken);

        var rows = locations
            .Select(l => new LocationDayCounts(l.Id, l.Name, l.IsActive, StatusCounts.From(
                counts.Where(c => c.ClinicLocationId == l.Id).Select(c => KeyValuePair.Create(c.Status, c.Count)))))
            .ToList();
        return new PracticeDaySummary(today, rows, StatusCounts.From(counts.Select(c => KeyValuePair.Create(c.Status, c.Count))));
    }

    /// <summary>Today in the practice's own time zone, read from the practice row (the source of truth).</summary>
    private static async Task<PracticeDay> TodayAsync(MedicalDbContext db, DateTime utcNow, CancellationToken cancellationToken)
    {
        var practiceId = db.RequirePracticeId();
        var timeZoneId = await db.Practices.AsNoTracking().Where(t => t.Id == practiceId).Select(t => t.TimeZoneId)
            .SingleAsync(cancellationToken);
        return PracticeDay.Containing(utcNow, timeZoneId);
    }

    /// <summary>
    /// The doctor's day: who is waiting first, in queue order (the urgent first, then by token), then the rest of the day
    /// in time order as before (a checked-in patient booked for 17:00 is not hidden below the afternoon).
    /// </summary>
    private static List<QueueRow> InQueueOrder(List<QueueRow> rows) =>
        WaitingOrder.Sort(rows.Where(r => r.Status == AppointmentStatus.Arrived), r => new WaitingPlace(r.UrgentSinceUtc, r.TokenNumber, r.ArrivedAtUtc, r.StartsAtUtc, r.Id))
            .Concat(rows.Where(r => r.Status != AppointmentStatus.Arrived))
            .ToList();

    private static IQueryable<QueueRow> ToEntries(IQueryable<Appointment> appointments) =>
        appointments.Select(a => new QueueRow(
            a.Id, a.Number, a.StartsAtUtc, a.EndsAtUtc, a.PatientId, a.Patient!.FirstName, a.Patient.LastName, a.Patient.DateOfBirth,
            a.Patient.AgeYears, a.Patient.AgeRecordedOn, a.Patient.Gender, a.Patient.Allergies, a.Reason, a.Status, a.IsWalkIn, a.ClinicLocation!.Name,
            a.TokenNumber, a.ArrivedAtUtc, a.UrgentSinceUtc, a.UrgentReason));

    private sealed record QueueRow(
        Guid Id, string Number, DateTime StartsAtUtc, DateTime EndsAtUtc, Guid PatientId, string FirstName, string LastName, DateOnly? DateOfBirth,
        int? AgeYears, DateOnly? AgeRecordedOn, Gender Gender, string? Allergies, string? Reason, AppointmentStatus Status, bool IsWalkIn,
        string LocationName, int? TokenNumber, DateTime? ArrivedAtUtc, DateTime? UrgentSinceUtc, string? UrgentReason)
    {
        public QueueEntry ToEntry(PracticeDay day) => new(
            Id, Number, day.ToLocal(StartsAtUtc), day.ToLocal(EndsAtUtc), $"{FirstName} {LastName}".Trim(), Status, IsWalkIn, LocationName)
        {
            PatientId = PatientId,
            PatientAge = Patient.AgeOn(day.Date, DateOfBirth, AgeYears, AgeRecordedOn),
            PatientGender = Gender,
            Reason = Reason,
            Allergies = string.IsNullOrWhiteSpace(Allergies) ? null : Allergies.Trim(),
            Token = AppointmentTokens.Format(TokenNumber),
            ArrivedAtUtc = ArrivedAtUtc,
            UrgentReason = UrgentSinceUtc is null ? null : UrgentReason,
        };
    }
}
