using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Email;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Reminders;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Doctors;

/// <summary>
/// Doctors' professional profiles in the current practice: who they are, where and when they see patients, and
/// their leave. Everyone in the practice may read them; admins change any profile and a doctor their own, checked
/// here on every change whatever the page showed. Creating and deactivating profiles belongs to staff management.
/// </summary>
public sealed class DoctorProfileService(
    IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, PracticeChanges changes, TimeProvider clock, MailOutbox outbox,
    AppointmentNotices notices)
{
    public const string NotFoundMessage = "This doctor profile does not exist in this practice.";

    public const string LeaveNotFoundMessage = "This leave day is not recorded for this doctor (it may have been removed).";

    public const string ForbiddenMessage = "Only the practice's administrators and the doctor themselves can change this profile.";

    public const int MaxLeaveDaysAtOnce = 60;

    public const int LeaveReasonMaxLength = 200;

    /// <summary>How far back the edit page lists past leave, for context.</summary>
    public const int PastLeaveDaysShown = 90;

    // Whether the actor may edit depends on whose profile it is, so the frame checks only membership; EditAsync the rest.
    private static readonly ChangeRule EditDoctor = new(Permission: null, ForbiddenMessage);

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

    public Task<ChangeResult> UpdateProfileAsync(Guid doctorProfileId, DoctorDetailsInput form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return EditAsync(doctorProfileId, doctors => doctors, async (change, doctor) =>
        {
            if (StaleEdit.IsStale(form.Version, doctor))
            {
                return ChangeResult.Stale("profile");
            }

            if (DoctorProfileRules.Check(form) is { } invalid)
            {
                return invalid;
            }

            var values = DoctorProfileRules.Clean(form);
            // Under the practice lock the frame took: another admin saving the same number waits for this one.
            if (await DoctorProfiles.RegistrationNumberTakenAsync(change.Db, values.RegistrationNumber, doctor.Id, cancellationToken))
            {
                return ChangeResult.Invalid(DoctorFields.RegistrationNumber, DoctorProfileRules.DuplicateRegistrationNumber(values.RegistrationNumber));
            }

            var changed = DescribeChanges(doctor, values);
            if (changed.Count == 0)
            {
                return ChangeResult.Unchanged();
            }

            doctor.RegistrationNumber = values.RegistrationNumber;
            doctor.Specializations = values.Specializations;
            doctor.Qualification = values.Qualification;
            doctor.ExperienceYears = values.ExperienceYears;
            doctor.ConsultationFee = values.ConsultationFee;
            doctor.ConsultationMinutes = values.ConsultationMinutes;
            change.Audit(AuditActions.DoctorProfileUpdated, nameof(DoctorProfile), doctor.Id, string.Join("; ", changed));
            return ChangeResult.Done("The profile was saved.");
        }, cancellationToken);
    }

    /// <summary>
    /// Replaces where the doctor practises and their weekly hours in one transaction. Ranges are in the practice's
    /// local time; a day may have several (09:00–13:00 and 17:00–21:00), at one location or at several.
    /// </summary>
    /// <param name="versionSeen">The profile's version the schedule form was filled from (null: not checked).</param>
    public Task<ChangeResult> SetScheduleAsync(
        Guid doctorProfileId, IReadOnlyCollection<Guid> locationIds, IReadOnlyList<AvailabilityRange> ranges,
        int? versionSeen = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(locationIds);
        ArgumentNullException.ThrowIfNull(ranges);
        return EditAsync(doctorProfileId, doctors => doctors.Include(d => d.Locations).Include(d => d.Availability), async (change, doctor) =>
        {
            if (StaleEdit.IsStale(versionSeen, doctor))
            {
                return ChangeResult.Stale("profile");
            }

            var activeLocations = await change.Db.ClinicLocations.AsNoTracking().Where(l => l.IsActive)
                .ToDictionaryAsync(l => l.Id, l => l.Name, cancellationToken);
            var chosen = locationIds.Distinct().ToList();
            if (DoctorScheduleRules.Check(chosen, ranges, activeLocations) is { } invalid)
            {
                return invalid;
            }

            // Links that stay are kept (their unique index would trip over a delete and re-insert in one batch).
            foreach (var link in doctor.Locations.Where(l => !chosen.Contains(l.ClinicLocationId)).ToList())
            {
                change.Db.DoctorLocations.Remove(link);
            }

            foreach (var locationId in chosen.Where(id => doctor.Locations.All(l => l.ClinicLocationId != id)))
            {
                doctor.Locations.Add(new DoctorLocation { ClinicLocationId = locationId });
            }

            change.Db.DoctorAvailability.RemoveRange(doctor.Availability.ToList());
            foreach (var range in ranges.Select(DoctorScheduleRules.Normalize).OrderBy(r => DoctorScheduleRules.DayIndex(r.Day)).ThenBy(r => r.Start))
            {
                doctor.Availability.Add(new DoctorAvailability
                {
                    ClinicLocationId = range.LocationId, Day = range.Day, StartTime = range.Start, EndTime = range.End,
                });
            }

            // Only the linked rows change: the profile's version still moves on, so an open form sees the new schedule.
            change.Db.Entry(doctor).State = EntityState.Modified;
            var details = string.Join("; ", chosen.Select(id =>
                $"{activeLocations[id]}: {NonEmpty(DoctorScheduleRules.Describe(ranges.Where(r => r.LocationId == id).Select(DoctorScheduleRules.Normalize)))}"));
            change.Audit(AuditActions.DoctorScheduleUpdated, nameof(DoctorProfile), doctor.Id, details);
            return ChangeResult.Done("Locations and weekly hours were saved.");
        }, cancellationToken);
    }

    /// <summary>
    /// Records leave on <paramref name="date"/>, or on every day from <paramref name="date"/> through
    /// <paramref name="through"/> (a holiday of several days). Days already on leave and past days are refused.
    /// When the doctor has appointments on those days nothing is saved until <paramref name="decisions"/> says, for
    /// each, to move or cancel it: the refusal lists them (<see cref="LeaveClashes"/>, see <see cref="LeaveOverBookings"/>).
    /// </summary>
    public async Task<ChangeResult<LeaveClashes>> AddLeaveAsync(
        Guid doctorProfileId, DateOnly date, string? reason, DateOnly? through = null,
        IReadOnlyDictionary<Guid, LeaveBookingDecision>? decisions = null, CancellationToken cancellationToken = default)
    {
        LeaveClashes? listed = null;
        try
        {
            return await AddLeaveInChangeAsync(doctorProfileId, date, reason, through, decisions, clashes => listed = clashes, cancellationToken);
        }
        catch (DbUpdateException ex) when (AppointmentWrites.IsDoubleBooking(ex))
        {
            // PostgreSQL refused a move onto a time someone booked meanwhile: all of it was rolled back.
            return ChangeResult.Refused("A new time chosen for one of the appointments was booked by someone else a moment ago. Nothing was saved; choose again.")
                .With(listed);
        }
    }

    private async Task<ChangeResult<LeaveClashes>> AddLeaveInChangeAsync(
        Guid doctorProfileId, DateOnly date, string? reason, DateOnly? through, IReadOnlyDictionary<Guid, LeaveBookingDecision>? decisions,
        Action<LeaveClashes> listed, CancellationToken cancellationToken)
    {
        LeaveClashes? clashes = null;
        var result = await EditAsync(doctorProfileId, doctors => doctors, async (change, doctor) =>
        {
            var practiceClock = await PracticeClock.ReadAsync(change.Db, clock, cancellationToken);
            var today = practiceClock.Today;
            var last = through ?? date;
            var cleanReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            if (ChangeResult.InvalidIfAny(
                [
                    new(DoctorFields.LeaveDate, date < today ? $"Leave cannot be added for a past day (today is {FormatDate(today)})." : null),
                    new(DoctorFields.LeaveThrough, last < date
                        ? "The last day of leave must not be before the first."
                        : last.DayNumber - date.DayNumber + 1 > MaxLeaveDaysAtOnce ? $"Add at most {MaxLeaveDaysAtOnce} days of leave at once." : null),
                    new(DoctorFields.LeaveReason, cleanReason is { Length: > LeaveReasonMaxLength } ? $"The reason can be at most {LeaveReasonMaxLength} characters." : null),
                ]) is { } invalid)
            {
                return invalid;
            }

            // Under the practice lock the frame took: a day someone else adds meanwhile is seen here, not by the unique index.
            var taken = await change.Db.DoctorLeave.AsNoTracking()
                .Where(l => l.DoctorProfileId == doctor.Id && l.Date >= date && l.Date <= last)
                .Select(l => l.Date).OrderBy(d => d).ToListAsync(cancellationToken);
            if (taken.Count > 0)
            {
                return ChangeResult.Invalid(DoctorFields.LeaveDate, $"Leave is already recorded for {string.Join(", ", taken.Select(FormatDate))}.");
            }

            var days = Enumerable.Range(0, last.DayNumber - date.DayNumber + 1).Select(date.AddDays).ToList();
            var handled = new List<string>();
            var booked = await LeaveOverBookings.LoadAsync(change.Db, practiceClock, doctor.Id, date, last, cancellationToken);
            if (booked.Count > 0)
            {
                var bookable = (await DoctorSchedule.FindDoctorAsync(change.Db, doctor.Id, cancellationToken))!;
                clashes = await LeaveOverBookings.DescribeAsync(
                    change.Db, practiceClock, bookable, booked, days, await notices.ChannelsAsync(change.Db, cancellationToken), cancellationToken);
                listed(clashes);
                if (decisions is null || booked.Any(a => !decisions.ContainsKey(a.Id)))
                {
                    return ChangeResult.Refused(booked.Count == 1
                        ? $"{bookable.Name} has an appointment on these days. Move or cancel it, then add the leave."
                        : $"{bookable.Name} has {booked.Count} appointments on these days. Move or cancel each, then add the leave.");
                }

                // Moving and cancelling visits is the appointment book's right (the leave's author may be the doctor).
                if (!change.Actor.May(PracticePermission.BookAppointments))
                {
                    return ChangeResult.Forbidden(AppointmentService.NotAllowedToSchedule);
                }

                (var refusal, handled, var sameDay) = await LeaveOverBookings.ApplyAsync(
                    change, practiceClock, bookable, booked, decisions, days, cleanReason, notices, cancellationToken);
                if (refusal is not null)
                {
                    clashes = clashes with { SameDay = sameDay };
                    listed(clashes);
                    return refusal;
                }

                change.AfterCommit(outbox.NotifyQueued);
            }

            foreach (var day in days)
            {
                doctor.Leave.Add(new DoctorLeave { Date = day, Reason = cleanReason });
            }

            var span = days.Count == 1 ? FormatDate(date) : $"{FormatDate(date)} – {FormatDate(last)} ({days.Count} days)";
            var detail = cleanReason is null ? span : $"{span}: {cleanReason}";
            change.Audit(AuditActions.DoctorLeaveAdded, nameof(DoctorProfile), doctor.Id, handled.Count == 0 ? detail : $"{detail}; {string.Join("; ", handled)}");
            return ChangeResult.Done(handled.Count == 0 ? $"Leave added for {span}." : $"Leave added for {span}; {string.Join("; ", handled)}.");
        }, cancellationToken);
        return result.With(result.Succeeded ? null : clashes);
    }

    /// <summary>Removes a leave day of today or later; past leave stays as the record of what happened.</summary>
    public Task<ChangeResult> RemoveLeaveAsync(Guid doctorProfileId, Guid leaveId, CancellationToken cancellationToken = default) =>
        EditAsync(doctorProfileId, doctors => doctors, async (change, doctor) =>
        {
            var leave = await change.Db.DoctorLeave.FirstOrDefaultAsync(l => l.Id == leaveId && l.DoctorProfileId == doctor.Id, cancellationToken);
            if (leave is null)
            {
                return ChangeResult.NotFound(LeaveNotFoundMessage);
            }

            if (leave.Date < await TodayAsync(change.Db, cancellationToken))
            {
                return ChangeResult.Refused($"Leave on {FormatDate(leave.Date)} is in the past and stays as a record.");
            }

            change.Db.DoctorLeave.Remove(leave);
            change.Audit(AuditActions.DoctorLeaveRemoved, nameof(DoctorProfile), doctor.Id, FormatDate(leave.Date));
            return ChangeResult.Done($"Leave on {FormatDate(leave.Date)} was removed.");
        }, cancellationToken);

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
                d.SignatureFileId,
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
        var signature = doctor.SignatureFileId is { } signatureId
            ? await db.StoredFiles.AsNoTracking().Where(f => f.Id == signatureId)
                .Select(f => new DoctorSignature(f.Id, f.FileName, f.SizeBytes, f.CreatedAtUtc)).FirstOrDefaultAsync(cancellationToken)
            : null;

        return new DoctorProfileDetails(doctor.Id, doctor.UserId, doctor.FullName, doctor.Email, doctor.Phone, doctor.IsActive,
            doctor.MemberActive, doctor.RegistrationNumber, doctor.Specializations, doctor.Qualification, doctor.ExperienceYears,
            doctor.ConsultationFee, doctor.ConsultationMinutes, locationIds,
            availability.OrderBy(a => DoctorScheduleRules.DayIndex(a.Day)).ThenBy(a => a.Start).ToList(),
            leave, practiceLocations, today, doctor.Version, signature);
    }

    /// <summary>
    /// Runs <paramref name="edit"/> on the doctor's profile in the practice-change frame, when the actor (as the
    /// database has them now) may edit that profile: an administrator, or the doctor themselves. A demoted or
    /// deactivated member cannot keep editing from an open page.
    /// </summary>
    private Task<ChangeResult> EditAsync(
        Guid doctorProfileId,
        Func<IQueryable<DoctorProfile>, IQueryable<DoctorProfile>> including,
        Func<PracticeChange, DoctorProfile, Task<ChangeResult>> edit,
        CancellationToken cancellationToken) =>
        changes.RunAsync(EditDoctor, async change =>
        {
            var doctor = await including(change.Db.DoctorProfiles.Include(d => d.Membership))
                .FirstOrDefaultAsync(d => d.Id == doctorProfileId, cancellationToken);
            if (doctor is null)
            {
                return ChangeResult.NotFound(NotFoundMessage);
            }

            return change.Actor.MayEditDoctor(doctor.Membership!.UserId)
                ? await edit(change, doctor)
                : ChangeResult.Forbidden(ForbiddenMessage);
        }, cancellationToken);

    /// <summary>"Today" in the practice's own calendar, which decides what counts as a past leave day.</summary>
    private async Task<DateOnly> TodayAsync(MedicalDbContext db, CancellationToken cancellationToken) =>
        (await PracticeClock.ReadAsync(db, clock, cancellationToken)).Today;

    private static List<string> DescribeChanges(DoctorProfile before, DoctorDetailsValues after)
    {
        var differences = new List<string>();
        void Compare(string name, string? old, string? now)
        {
            if (!string.Equals(old ?? "", now ?? "", StringComparison.Ordinal))
            {
                differences.Add($"{name}: '{old}' → '{now}'");
            }
        }

        Compare("Registration number", before.RegistrationNumber, after.RegistrationNumber);
        Compare("Specializations", string.Join(", ", before.Specializations), string.Join(", ", after.Specializations));
        Compare("Qualification", before.Qualification, after.Qualification);
        Compare("Experience", before.ExperienceYears.ToString(CultureInfo.InvariantCulture), after.ExperienceYears.ToString(CultureInfo.InvariantCulture));
        Compare("Fee", before.ConsultationFee.ToString("0.00", CultureInfo.InvariantCulture), after.ConsultationFee.ToString("0.00", CultureInfo.InvariantCulture));
        Compare("Duration", before.ConsultationMinutes.ToString(CultureInfo.InvariantCulture), after.ConsultationMinutes.ToString(CultureInfo.InvariantCulture));
        return differences;
    }

    private static string NonEmpty(string text) => text.Length == 0 ? "no hours" : text;

}
