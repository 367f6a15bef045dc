using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Tenancy;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Doctors;

/// <summary>
/// Doctors' professional profiles in the current practice: who they are, where and when they see patients, and
/// their leave. Everyone in the practice may read them; admins change any profile and a doctor their own, checked
/// here on every change whatever the page showed. Creating and deactivating profiles belongs to staff management.
/// </summary>
public sealed class DoctorProfileService(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, TimeProvider clock, AuditTrail audit)
{
    public const int MaxLeaveDaysAtOnce = 60;

    /// <summary>How far back the edit page lists past leave, for context.</summary>
    public const int PastLeaveDaysShown = 90;

    public async Task<IReadOnlyList<DoctorListRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewDoctors, cancellationToken: cancellationToken);
        var today = await TodayAsync(db, cancellationToken);
        var doctors = await db.DoctorProfiles.AsNoTracking()
            .Select(d => new
            {
                d.Id,
                d.Membership!.UserId,
                d.Membership.User!.FullName,
                Email = d.Membership.User.Email ?? "",
                Phone = d.Membership.User.PhoneNumber,
                d.RegistrationNumber,
                d.Specializations,
                d.Qualification,
                d.ExperienceYears,
                d.ConsultationFee,
                d.ConsultationMinutes,
                d.IsActive,
                MemberActive = d.Membership.IsActive,
            })
            .ToListAsync(cancellationToken);
        var locations = await db.DoctorLocations.AsNoTracking()
            .Select(l => new { l.DoctorProfileId, l.ClinicLocationId, l.ClinicLocation!.Name })
            .ToListAsync(cancellationToken);
        var availability = await db.DoctorAvailability.AsNoTracking()
            .Select(a => new { a.DoctorProfileId, Range = new AvailabilityRange(a.ClinicLocationId, a.Day, a.StartTime, a.EndTime) })
            .ToListAsync(cancellationToken);
        var leave = await db.DoctorLeave.AsNoTracking().Where(l => l.Date >= today)
            .Select(l => new { l.DoctorProfileId, l.Date })
            .ToListAsync(cancellationToken);

        return doctors
            .Select(d =>
            {
                var at = locations.Where(l => l.DoctorProfileId == d.Id).OrderBy(l => l.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
                var ranges = availability.Where(a => a.DoctorProfileId == d.Id).Select(a => a.Range).ToList();
                var schedule = at
                    .Select(l => new LocationSchedule(l.Name, DoctorScheduleRules.Describe(ranges.Where(r => r.LocationId == l.ClinicLocationId))))
                    .ToList();
                var upcoming = leave.Where(l => l.DoctorProfileId == d.Id).Select(l => l.Date).Order().ToList();
                return new DoctorListRow(d.Id, d.UserId, d.FullName, d.Email, d.Phone, d.RegistrationNumber, d.Specializations,
                    d.Qualification, d.ExperienceYears, d.ConsultationFee, d.ConsultationMinutes, at.Select(l => l.Name).ToList(),
                    schedule, upcoming, d.IsActive, d.MemberActive);
            })
            .OrderByDescending(d => d.IsActive && d.IsMemberActive)
            .ThenBy(d => d.FullName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>The doctor's profile for editing, or null when there is none with this id in this practice.</summary>
    public async Task<DoctorProfileDetails?> GetAsync(Guid doctorProfileId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewDoctors, cancellationToken: cancellationToken);
        return await LoadDetailsAsync(db, d => d.Id == doctorProfileId, cancellationToken);
    }

    /// <summary>"My doctor profile": the signed-in member's own profile in this practice, or null when they have none.</summary>
    public async Task<DoctorProfileDetails?> GetMineAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await actors.ReadAsync(db, cancellationToken) is { } me
            ? await LoadDetailsAsync(db, d => d.Membership!.UserId == me.UserId, cancellationToken)
            : null;
    }

    public async Task<DoctorResult> UpdateProfileAsync(Guid doctorProfileId, DoctorProfileForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
        var doctor = await db.DoctorProfiles.Include(d => d.Membership).FirstOrDefaultAsync(d => d.Id == doctorProfileId, cancellationToken);
        if (doctor is null)
        {
            return DoctorResult.NotFound();
        }

        if (await EditorOfAsync(db, doctor, cancellationToken) is not { } editor)
        {
            return DoctorResult.Forbidden();
        }

        if (StaleEdit.IsStale(form.Version, doctor))
        {
            return DoctorResult.Stale();
        }

        var errors = DoctorProfileRules.Validate(form, out var clean);
        var number = clean.RegistrationNumber!;
        if (!errors.ContainsKey(DoctorFields.RegistrationNumber) && await RegistrationNumberTakenAsync(db, number, doctor.Id, cancellationToken))
        {
            errors[DoctorFields.RegistrationNumber] = DoctorProfileRules.DuplicateRegistrationNumber(number);
        }

        if (errors.Count > 0)
        {
            return DoctorResult.Invalid(errors);
        }

        var changes = DescribeChanges(doctor, clean);
        doctor.RegistrationNumber = number;
        doctor.Specializations = clean.Specializations;
        doctor.Qualification = clean.Qualification;
        doctor.ExperienceYears = clean.ExperienceYears;
        doctor.ConsultationFee = clean.ConsultationFee;
        doctor.ConsultationMinutes = clean.ConsultationMinutes;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (PracticeReadOnlyException ex)
        {
            return DoctorResult.ReadOnly(ex.Message);
        }
        catch (DbUpdateException)
        {
            // Another admin saved the same number between our check and our write; the unique index caught it.
            if (!await RegistrationNumberTakenInFreshContextAsync(number, doctor.Id, cancellationToken))
            {
                throw;
            }

            return DoctorResult.Invalid(new Dictionary<string, string>
            {
                [DoctorFields.RegistrationNumber] = DoctorProfileRules.DuplicateRegistrationNumber(number),
            });
        }

        await RecordAsync(editor, AuditActions.DoctorProfileUpdated, doctor.Id,
            changes.Count == 0 ? "No changes." : string.Join("; ", changes), cancellationToken);
        return DoctorResult.Saved("The profile was saved.");
    }

    /// <summary>
    /// Replaces where the doctor practises and their weekly hours in one transaction. Ranges are in the practice's
    /// local time; a day may have several (09:00–13:00 and 17:00–21:00), at one location or at several.
    /// </summary>
    /// <param name="versionSeen">The profile's version the schedule form was filled from (null: not checked).</param>
    public async Task<DoctorResult> SetScheduleAsync(
        Guid doctorProfileId, IReadOnlyCollection<Guid> locationIds, IReadOnlyList<AvailabilityRange> ranges,
        int? versionSeen = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locationIds);
        ArgumentNullException.ThrowIfNull(ranges);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var tx = await PracticeLock.BeginAsync(db, cancellationToken);
        var doctor = await db.DoctorProfiles.Include(d => d.Membership).Include(d => d.Locations).Include(d => d.Availability)
            .FirstOrDefaultAsync(d => d.Id == doctorProfileId, cancellationToken);
        if (doctor is null)
        {
            return DoctorResult.NotFound();
        }

        if (await EditorOfAsync(db, doctor, cancellationToken) is not { } editor)
        {
            return DoctorResult.Forbidden();
        }

        if (StaleEdit.IsStale(versionSeen, doctor))
        {
            return DoctorResult.Stale();
        }

        var activeLocations = await db.ClinicLocations.AsNoTracking().Where(l => l.IsActive)
            .ToDictionaryAsync(l => l.Id, l => l.Name, cancellationToken);
        var chosen = locationIds.Distinct().ToList();
        var errors = DoctorScheduleRules.Validate(chosen, ranges, activeLocations);
        if (errors.Count > 0)
        {
            return DoctorResult.Invalid(errors);
        }

        // Links that stay are kept (their unique index would trip over a delete and re-insert in one batch).
        foreach (var link in doctor.Locations.Where(l => !chosen.Contains(l.ClinicLocationId)).ToList())
        {
            db.DoctorLocations.Remove(link);
        }

        foreach (var locationId in chosen.Where(id => doctor.Locations.All(l => l.ClinicLocationId != id)))
        {
            doctor.Locations.Add(new DoctorLocation { ClinicLocationId = locationId });
        }

        db.DoctorAvailability.RemoveRange(doctor.Availability.ToList());
        foreach (var range in ranges.Select(DoctorScheduleRules.Normalize).OrderBy(r => DoctorScheduleRules.DayIndex(r.Day)).ThenBy(r => r.Start))
        {
            doctor.Availability.Add(new DoctorAvailability
            {
                ClinicLocationId = range.LocationId, Day = range.Day, StartTime = range.Start, EndTime = range.End,
            });
        }

        // Only the linked rows change: the profile's version still moves on, so an open form sees the new schedule.
        db.Entry(doctor).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (PracticeReadOnlyException ex)
        {
            return DoctorResult.ReadOnly(ex.Message);
        }

        var details = string.Join("; ", chosen.Select(id =>
            $"{activeLocations[id]}: {NonEmpty(DoctorScheduleRules.Describe(ranges.Where(r => r.LocationId == id).Select(DoctorScheduleRules.Normalize)))}"));
        await RecordAsync(editor, AuditActions.DoctorScheduleUpdated, doctor.Id, details, cancellationToken);
        return DoctorResult.Saved("Locations and weekly hours were saved.");
    }

    /// <summary>
    /// Records leave on <paramref name="date"/>, or on every day from <paramref name="date"/> through
    /// <paramref name="through"/> (a holiday of several days). Days already on leave and past days are refused.
    /// </summary>
    public async Task<DoctorResult> AddLeaveAsync(
        Guid doctorProfileId, DateOnly date, string? reason, DateOnly? through = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var doctor = await db.DoctorProfiles.Include(d => d.Membership).FirstOrDefaultAsync(d => d.Id == doctorProfileId, cancellationToken);
        if (doctor is null)
        {
            return DoctorResult.NotFound();
        }

        if (await EditorOfAsync(db, doctor, cancellationToken) is not { } editor)
        {
            return DoctorResult.Forbidden();
        }

        var errors = new Dictionary<string, string>();
        var today = await TodayAsync(db, cancellationToken);
        var last = through ?? date;
        var cleanReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (date < today)
        {
            errors[DoctorFields.LeaveDate] = $"Leave cannot be added for a past day (today is {FormatDate(today)}).";
        }

        if (last < date)
        {
            errors[DoctorFields.LeaveThrough] = "The last day of leave must not be before the first.";
        }
        else if (last.DayNumber - date.DayNumber + 1 > MaxLeaveDaysAtOnce)
        {
            errors[DoctorFields.LeaveThrough] = $"Add at most {MaxLeaveDaysAtOnce} days of leave at once.";
        }

        if (cleanReason is { Length: > 200 })
        {
            errors[DoctorFields.LeaveReason] = "The reason can be at most 200 characters.";
        }

        if (errors.Count > 0)
        {
            return DoctorResult.Invalid(errors);
        }

        var days = Enumerable.Range(0, last.DayNumber - date.DayNumber + 1).Select(date.AddDays).ToList();
        var taken = await db.DoctorLeave.AsNoTracking()
            .Where(l => l.DoctorProfileId == doctor.Id && l.Date >= date && l.Date <= last)
            .Select(l => l.Date).OrderBy(d => d).ToListAsync(cancellationToken);
        if (taken.Count > 0)
        {
            return DoctorResult.Invalid(new Dictionary<string, string>
            {
                [DoctorFields.LeaveDate] = taken.Count == 1
                    ? $"Leave is already recorded for {FormatDate(taken[0])}."
                    : $"Leave is already recorded for {string.Join(", ", taken.Select(FormatDate))}.",
            });
        }

        foreach (var day in days)
        {
            doctor.Leave.Add(new DoctorLeave { Date = day, Reason = cleanReason });
        }

        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (PracticeReadOnlyException ex)
        {
            return DoctorResult.ReadOnly(ex.Message);
        }
        catch (DbUpdateException)
        {
            // The unique index (doctor, date) refused a day someone else added a moment ago; anything else is a real fault.
            if (!await LeaveRecordedInFreshContextAsync(doctor.Id, date, last, cancellationToken))
            {
                throw;
            }

            return DoctorResult.Invalid(new Dictionary<string, string>
            {
                [DoctorFields.LeaveDate] = "Leave was just recorded for one of these days by someone else. Reload to see it.",
            });
        }

        var span = days.Count == 1 ? FormatDate(date) : $"{FormatDate(date)} – {FormatDate(last)} ({days.Count} days)";
        await RecordAsync(editor, AuditActions.DoctorLeaveAdded, doctor.Id, cleanReason is null ? span : $"{span}: {cleanReason}", cancellationToken);
        return DoctorResult.Saved($"Leave added for {span}.");
    }

    /// <summary>Removes a leave day of today or later; past leave stays as the record of what happened.</summary>
    public async Task<DoctorResult> RemoveLeaveAsync(Guid doctorProfileId, Guid leaveId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var doctor = await db.DoctorProfiles.Include(d => d.Membership).FirstOrDefaultAsync(d => d.Id == doctorProfileId, cancellationToken);
        var leave = doctor is null
            ? null
            : await db.DoctorLeave.FirstOrDefaultAsync(l => l.Id == leaveId && l.DoctorProfileId == doctor.Id, cancellationToken);
        if (doctor is null || leave is null)
        {
            return DoctorResult.NotFound();
        }

        if (await EditorOfAsync(db, doctor, cancellationToken) is not { } editor)
        {
            return DoctorResult.Forbidden();
        }

        if (leave.Date < await TodayAsync(db, cancellationToken))
        {
            return DoctorResult.Invalid(new Dictionary<string, string>
            {
                [DoctorFields.Leave] = $"Leave on {FormatDate(leave.Date)} is in the past and stays as a record.",
            });
        }

        db.DoctorLeave.Remove(leave);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (PracticeReadOnlyException ex)
        {
            return DoctorResult.ReadOnly(ex.Message);
        }

        await RecordAsync(editor, AuditActions.DoctorLeaveRemoved, doctor.Id, FormatDate(leave.Date), cancellationToken);
        return DoctorResult.Saved($"Leave on {FormatDate(leave.Date)} was removed.");
    }

    public static string FormatDate(DateOnly date) => date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    private async Task<DoctorProfileDetails?> LoadDetailsAsync(
        MedicalDbContext db, System.Linq.Expressions.Expression<Func<DoctorProfile, bool>> which, CancellationToken cancellationToken)
    {
        var doctor = await db.DoctorProfiles.AsNoTracking().Where(which)
            .Select(d => new
            {
                d.Id,
                d.Membership!.UserId,
                d.Membership.User!.FullName,
                Email = d.Membership.User.Email ?? "",
                Phone = d.Membership.User.PhoneNumber,
                d.IsActive,
                MemberActive = d.Membership.IsActive,
                d.RegistrationNumber,
                d.Specializations,
                d.Qualification,
                d.ExperienceYears,
                d.ConsultationFee,
                d.ConsultationMinutes,
                d.Version,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (doctor is null)
        {
            return null;
        }

        var today = await TodayAsync(db, cancellationToken);
        var shownFrom = today.AddDays(-PastLeaveDaysShown);
        var locationIds = await db.DoctorLocations.AsNoTracking().Where(l => l.DoctorProfileId == doctor.Id)
            .Select(l => l.ClinicLocationId).ToListAsync(cancellationToken);
        var availability = await db.DoctorAvailability.AsNoTracking().Where(a => a.DoctorProfileId == doctor.Id)
            .Select(a => new AvailabilityRange(a.ClinicLocationId, a.Day, a.StartTime, a.EndTime))
            .ToListAsync(cancellationToken);
        var leave = await db.DoctorLeave.AsNoTracking().Where(l => l.DoctorProfileId == doctor.Id && l.Date >= shownFrom)
            .OrderBy(l => l.Date).Select(l => new LeaveDay(l.Id, l.Date, l.Reason))
            .ToListAsync(cancellationToken);
        // The practice's open locations, plus any closed one the doctor is still linked to, so the page can say so.
        var practiceLocations = await db.ClinicLocations.AsNoTracking()
            .Where(l => l.IsActive || locationIds.Contains(l.Id))
            .OrderByDescending(l => l.IsRegisteredLocation).ThenBy(l => l.Name)
            .Select(l => new LocationOption(l.Id, l.Name, l.IsActive))
            .ToListAsync(cancellationToken);

        return new DoctorProfileDetails(doctor.Id, doctor.UserId, doctor.FullName, doctor.Email, doctor.Phone, doctor.IsActive,
            doctor.MemberActive, doctor.RegistrationNumber, doctor.Specializations, doctor.Qualification, doctor.ExperienceYears,
            doctor.ConsultationFee, doctor.ConsultationMinutes, locationIds,
            availability.OrderBy(a => DoctorScheduleRules.DayIndex(a.Day)).ThenBy(a => a.Start).ToList(),
            leave, practiceLocations, today, doctor.Version);
    }

    /// <summary>
    /// The member changing <paramref name="doctor"/>'s profile, as the database has them now, when they may: an
    /// administrator, or the doctor themselves; null otherwise (a demoted or deactivated member cannot keep editing
    /// from an open page).
    /// </summary>
    private async Task<PracticeActor?> EditorOfAsync(MedicalDbContext db, DoctorProfile doctor, CancellationToken cancellationToken) =>
        await actors.ReadAsync(db, cancellationToken) is { } actor && actor.MayEditDoctor(doctor.Membership!.UserId) ? actor : null;

    private static Task<bool> RegistrationNumberTakenAsync(MedicalDbContext db, string number, Guid exceptDoctorId, CancellationToken cancellationToken) =>
        db.DoctorProfiles.AnyAsync(d => d.Id != exceptDoctorId && d.RegistrationNumber == number, cancellationToken);

    private async Task<bool> RegistrationNumberTakenInFreshContextAsync(string number, Guid exceptDoctorId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await RegistrationNumberTakenAsync(db, number, exceptDoctorId, cancellationToken);
    }

    private async Task<bool> LeaveRecordedInFreshContextAsync(Guid doctorId, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.DoctorLeave.AnyAsync(l => l.DoctorProfileId == doctorId && l.Date >= first && l.Date <= last, cancellationToken);
    }

    /// <summary>"Today" in the practice's own calendar, which decides what counts as a past leave day.</summary>
    private async Task<DateOnly> TodayAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        var practiceId = db.RequirePracticeId();
        var zoneId = await db.Tenants.AsNoTracking().Where(t => t.Id == practiceId).Select(t => t.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return DateOnly.FromDateTime(PracticeTime.ToLocal(clock.GetUtcNow().UtcDateTime, zoneId));
    }

    private static List<string> DescribeChanges(DoctorProfile before, DoctorProfileForm after)
    {
        var changes = new List<string>();
        void Compare(string name, string? old, string? now)
        {
            if (!string.Equals(old ?? "", now ?? "", StringComparison.Ordinal))
            {
                changes.Add($"{name}: '{old}' → '{now}'");
            }
        }

        Compare("Registration number", before.RegistrationNumber, after.RegistrationNumber);
        Compare("Specializations", string.Join(", ", before.Specializations), string.Join(", ", after.Specializations));
        Compare("Qualification", before.Qualification, after.Qualification);
        Compare("Experience", before.ExperienceYears.ToString(CultureInfo.InvariantCulture), after.ExperienceYears.ToString(CultureInfo.InvariantCulture));
        Compare("Fee", before.ConsultationFee.ToString("0.00", CultureInfo.InvariantCulture), after.ConsultationFee.ToString("0.00", CultureInfo.InvariantCulture));
        Compare("Duration", before.ConsultationMinutes.ToString(CultureInfo.InvariantCulture), after.ConsultationMinutes.ToString(CultureInfo.InvariantCulture));
        return changes;
    }

    private static string NonEmpty(string text) => text.Length == 0 ? "no hours" : text;

    private Task RecordAsync(PracticeActor editor, string action, Guid doctorId, string details, CancellationToken cancellationToken) =>
        audit.RecordAsync(editor.Entry(action, nameof(DoctorProfile), doctorId.ToString(), details), cancellationToken);
}
