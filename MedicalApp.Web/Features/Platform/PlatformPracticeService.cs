using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Home;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Live;
using MedicalApp.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Platform;

public sealed record PracticeListItem(
    Guid Id, string Name, string Slug, PracticePlan Plan, PracticeStatus Status, DateTime? TrialEndsAtUtc,
    DateTime CreatedAtUtc, int ActiveMembers, int ActiveLocations, int ActiveDoctors, long StorageBytes,
    string TimeZoneId = Practice.DefaultTimeZoneId, DateTime? PaidUntilUtc = null)
{
    /// <summary>
    /// The last day of the trial in the practice's own calendar, as the details page and the extension dialog name it
    /// (the list once printed the end instant's UTC date, a day after an extended trial's last day).
    /// </summary>
    public DateOnly? TrialLastDay => Plan == PracticePlan.Trial && TrialEndsAtUtc is { } ends ? TrialPeriod.LastDay(ends, TimeZoneId) : null;

    /// <summary>The last day a paid plan is paid for, in the practice's calendar; null on the trial or when not recorded.</summary>
    public DateOnly? PaidUntilDay => Plan != PracticePlan.Trial && PaidUntilUtc is { } paid ? TrialPeriod.LastDay(paid, TimeZoneId) : null;
}

/// <summary>
/// The platform administrator acting, as the database has them when the action runs: the signed-in account of the root
/// (<see cref="SignedInUser"/>) still holding the platform admin role.
/// </summary>
public sealed record PlatformActor(Guid UserId, string? Email, string? IpAddress);

/// <summary>One entry of the platform trail about a practice.</summary>
public sealed record PlatformActionEntry(DateTime OccurredAtUtc, string Action, string? UserEmail, string? Details);

public sealed record PracticeDetails(
    Guid Id,
    string Name,
    string Slug,
    string? Phone,
    string? Address,
    string TimeZoneId,
    DateTime CreatedAtUtc,
    PracticePlan Plan,
    PlanLimits Limits,
    PracticeStatus Status,
    string? StatusReason,
    DateTime? TrialEndsAtUtc,
    int? TrialDaysLeft,
    DateTime? PaidUntilUtc,
    bool IsReadOnly,
    int ActiveMembers,
    int TotalMembers,
    IReadOnlyList<string> OwnerEmails,
    IReadOnlyList<LimitUsage> Usage,
    IReadOnlyList<SubscriptionHistoryEntry> History,
    IReadOnlyList<PlatformActionEntry> PlatformActions);

/// <summary>
/// The platform console's view across practices and its actions on them (plan, limits, trial, suspension). It is the
/// one place that reads and writes every practice's rows, so it goes through the platform database path (the
/// BYPASSRLS role on PostgreSQL), says so with IgnoreQueryFilters, names the practice explicitly on every row it
/// writes, and records every action in the platform audit trail and in the practice's own.
/// </summary>
public sealed class PlatformPracticeService(
    PlatformDbContextFactory contextFactory,
    PlatformAdministrators administrators,
    PracticeDirectory directory,
    PracticeChangeHub liveChanges,
    TimeProvider clock)
{
    public const int ReasonMaxLength = 500;

    public async Task<IReadOnlyList<PracticeListItem>> ListAsync(string? search, CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory.CreateDbContext();
        await RequireAdminAsync(db, cancellationToken);
        var practices = db.Practices.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            practices = practices.Where(t => t.Name.ToUpper().Contains(term) || t.Slug.ToUpper().Contains(term));
        }

        var memberships = db.PracticeMemberships.IgnoreQueryFilters([MedicalDbContext.TenantFilter]);
        var locations = PlanLimitService.CountedLocations(db.ClinicLocations.IgnoreQueryFilters([MedicalDbContext.TenantFilter]));
        var doctors = PlanLimitService.CountedDoctors(db.DoctorProfiles.IgnoreQueryFilters([MedicalDbContext.TenantFilter]));
        var invitedDoctors = PlanLimitService.SeatHoldingInvitations(
            db.StaffInvitations.IgnoreQueryFilters([MedicalDbContext.TenantFilter]), clock.GetUtcNow().UtcDateTime);
        var files = db.StoredFiles.IgnoreQueryFilters([MedicalDbContext.TenantFilter]);
        return await practices
            .OrderBy(t => t.Name)
            .Select(t => new PracticeListItem(
                t.Id, t.Name, t.Slug, t.Plan, t.Status, t.TrialEndsAtUtc, t.CreatedAtUtc,
                memberships.Count(m => m.TenantId == t.Id && m.IsActive),
                locations.Count(l => l.TenantId == t.Id),
                doctors.Count(d => d.TenantId == t.Id) + invitedDoctors.Count(i => i.TenantId == t.Id),
                files.Where(f => f.TenantId == t.Id).Sum(f => (long?)f.SizeBytes) ?? 0,
                t.TimeZoneId,
                t.PaidUntilUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One practice with its usage, members, subscription history and the platform's actions on it.</summary>
    public async Task<PracticeDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory.CreateDbContext();
        await RequireAdminAsync(db, cancellationToken);
        var practice = await db.Practices.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (practice is null)
        {
            return null;
        }

        var members = await db.PracticeMemberships.IgnoreQueryFilters([MedicalDbContext.TenantFilter]).AsNoTracking()
            .Where(m => m.TenantId == id)
            .Select(m => new { m.IsActive, m.Roles, m.User!.Email })
            .ToListAsync(cancellationToken);
        var history = await db.SubscriptionChanges.IgnoreQueryFilters([MedicalDbContext.TenantFilter]).AsNoTracking()
            .Where(c => c.TenantId == id)
            .OrderByDescending(c => c.ChangedAtUtc).ThenByDescending(c => c.Id)
            .Select(c => new SubscriptionHistoryEntry(c.Id, c.ChangedAtUtc, c.FromPlan, c.ToPlan, c.Description, c.Reason, c.ChangedByEmail, c.ByPlatform))
            .ToListAsync(cancellationToken);
        var actions = await db.PlatformAuditEvents.AsNoTracking()
            .Where(e => e.TenantId == id)
            .OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id)
            .Take(50)
            .Select(e => new PlatformActionEntry(e.OccurredAtUtc, e.Action, e.UserEmail, e.Details))
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        return new PracticeDetails(
            practice.Id, practice.Name, practice.Slug, practice.Phone, practice.Address, practice.TimeZoneId, practice.CreatedAtUtc,
            practice.Plan, practice.Limits, practice.Status, practice.StatusReason,
            practice.Plan == PracticePlan.Trial ? practice.TrialEndsAtUtc : null,
            TrialPeriod.DaysLeft(practice.Plan, practice.TrialEndsAtUtc, practice.TimeZoneId, now),
            practice.Plan == PracticePlan.Trial ? null : practice.PaidUntilUtc,
            PracticeAccess.IsReadOnly(practice.Plan, practice.TrialEndsAtUtc, now),
            members.Count(m => m.IsActive),
            members.Count,
            members.Where(m => m.IsActive && m.Roles.HasFlag(PracticeRoles.Owner)).Select(m => m.Email ?? "").Order().ToList(),
            await CountUsageAsync(db, id, practice.Limits, cancellationToken),
            history,
            actions);
    }

    public const string AdminsOnlyMessage = "Only platform administrators can change practices.";

    public const string NoSuchPracticeMessage = "There is no such practice.";

    /// <summary>
    /// Moves a practice to another plan. Enterprise takes custom limits (null = unlimited each; all unlimited when
    /// none are given); other plans take their catalogue limits. Refused when usage would exceed the new limits.
    /// </summary>
    public async Task<ChangeResult> ChangePlanAsync(
        Guid practiceId, PracticePlan plan, PlanLimits? customLimits, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        ValidateReason(reason, errors);
        if (plan == PracticePlan.Trial)
        {
            errors["Plan"] = "A practice cannot be put back on the trial; extend its trial instead.";
        }
        else if (customLimits is not null && plan != PracticePlan.Enterprise)
        {
            errors["Plan"] = "Custom limits are for the Enterprise plan only.";
        }

        ValidateLimits(customLimits, errors);
        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        var target = PlanCatalog.For(plan);
        return await ActOnPracticeAsync(practiceId, lockUsage: true, reason!, async action =>
        {
            var (db, practice) = (action.Db, action.Practice);
            if (practice.Plan == plan)
            {
                return plan == PracticePlan.Enterprise
                    ? ChangeResult.Refused("The practice is already on Enterprise; change its limits instead.")
                    : ChangeResult.Refused($"The practice is already on the {target.Name} plan.");
            }

            var limits = plan == PracticePlan.Enterprise ? Copy(customLimits ?? target.CreateLimits()) : target.CreateLimits();
            var problems = PlanFit.Problems(await CountUsageAsync(db, practice.Id, limits, cancellationToken), limits, target.Name);
            if (problems.Count > 0)
            {
                return ChangeResult.Refused($"{practice.Name} cannot move to {target.Name}:", problems);
            }

            var from = practice.Plan;
            practice.Plan = plan;
            practice.Limits = limits;
            practice.TrialEndsAtUtc = null;
            var paidPeriodStarted = PaidPeriod.StartIfNoneRuns(practice, action.NowUtc);
            var description = $"{(SubscriptionService.IsUpgrade(from, plan) ? "Upgraded" : "Downgraded")} to {target.Name}"
                + (plan == PracticePlan.Enterprise ? $" ({DescribeLimits(limits)})" : "")
                + PaidPeriod.Described(paidPeriodStarted, practice);
            action.AddHistory(from, plan, description);
            action.Audit(AuditActions.PlanChanged, $"{description}, from {PlanCatalog.For(from).Name}.");
            return ChangeResult.Done($"{practice.Name} is now on {target.Name}.");
        }, cancellationToken);
    }

    /// <summary>Sets an Enterprise practice's custom limits; each null is unlimited, none may be negative or below usage.</summary>
    public async Task<ChangeResult> SetLimitsAsync(
        Guid practiceId, PlanLimits limits, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string>();
        ValidateReason(reason, errors);
        ValidateLimits(limits, errors);
        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        return await ActOnPracticeAsync(practiceId, lockUsage: true, reason!, async action =>
        {
            var (db, practice) = (action.Db, action.Practice);
            if (practice.Plan != PracticePlan.Enterprise)
            {
                return ChangeResult.Refused("Custom limits are for Enterprise practices: change the plan to Enterprise first.");
            }

            var newLimits = Copy(limits);
            var problems = PlanFit.Problems(await CountUsageAsync(db, practice.Id, newLimits, cancellationToken), newLimits, "the new limit");
            if (problems.Count > 0)
            {
                return ChangeResult.Refused($"These limits are below what {practice.Name} already uses:", problems);
            }

            practice.Limits = newLimits;
            var description = $"Limits set: {DescribeLimits(newLimits)}";
            action.AddHistory(practice.Plan, practice.Plan, description);
            action.Audit(AuditActions.PlanLimitsChanged, description + ".");
            return ChangeResult.Done($"The limits of {practice.Name} are saved.");
        }, cancellationToken);
    }

    /// <summary>
    /// Extends a practice's trial so that it runs through <paramref name="lastTrialDay"/> in the practice's own time
    /// zone. Only for practices on the Trial plan; the day must be in the future and after the current end.
    /// </summary>
    public async Task<ChangeResult> ExtendTrialAsync(
        Guid practiceId, DateOnly lastTrialDay, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        ValidateReason(reason, errors);
        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        return await ActOnPracticeAsync(practiceId, lockUsage: false, reason!, action =>
        {
            var practice = action.Practice;
            if (practice.Plan != PracticePlan.Trial)
            {
                return Task.FromResult(ChangeResult.Refused($"{practice.Name} is on the {PlanCatalog.For(practice.Plan).Name} plan; only a trial can be extended."));
            }

            var endsUtc = TrialPeriod.EndsAtUtc(lastTrialDay, practice.TimeZoneId);
            if (endsUtc <= action.NowUtc)
            {
                return Task.FromResult(ChangeResult.Invalid("LastTrialDay", "Choose a day in the future."));
            }

            if (practice.TrialEndsAtUtc is { } currentEnd && currentEnd > action.NowUtc && endsUtc <= currentEnd)
            {
                var currentLastDay = TrialPeriod.LastDay(currentEnd, practice.TimeZoneId);
                return Task.FromResult(ChangeResult.Invalid("LastTrialDay", $"The trial already runs through {currentLastDay:dd MMM yyyy}; choose a later day."));
            }

            practice.TrialEndsAtUtc = endsUtc;
            var description = $"Trial extended to {lastTrialDay:dd MMM yyyy}";
            action.AddHistory(PracticePlan.Trial, PracticePlan.Trial, description);
            action.Audit(AuditActions.TrialExtended, description + ".");
            return Task.FromResult(ChangeResult.Done($"The trial of {practice.Name} now runs through {lastTrialDay:dd MMM yyyy}."));
        }, cancellationToken);
    }

    /// <summary>Suspends a practice: nobody can use it until it is reactivated. Takes effect on the next request.</summary>
    public Task<ChangeResult> SuspendAsync(Guid practiceId, string? reason, CancellationToken cancellationToken = default) =>
        SetStatusAsync(practiceId, PracticeStatus.Suspended, reason, cancellationToken);

    public Task<ChangeResult> ReactivateAsync(Guid practiceId, string? reason, CancellationToken cancellationToken = default) =>
        SetStatusAsync(practiceId, PracticeStatus.Active, reason, cancellationToken);

    private async Task<ChangeResult> SetStatusAsync(
        Guid practiceId, PracticeStatus status, string? reason, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        ValidateReason(reason, errors);
        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        return await ActOnPracticeAsync(practiceId, lockUsage: false, reason!, action =>
        {
            var practice = action.Practice;
            if (practice.Status == status)
            {
                return Task.FromResult(ChangeResult.Refused($"{practice.Name} is already {(status == PracticeStatus.Active ? "active" : "suspended")}."));
            }

            practice.Status = status;
            practice.StatusReason = status == PracticeStatus.Suspended ? action.Reason : null;
            if (status == PracticeStatus.Suspended)
            {
                action.Audit(AuditActions.PracticeSuspended, "Suspended.");
                return Task.FromResult(ChangeResult.Done($"{practice.Name} is suspended."));
            }

            action.Audit(AuditActions.PracticeReactivated, "Reactivated.");
            return Task.FromResult(ChangeResult.Done($"{practice.Name} is active again."));
        }, cancellationToken);
    }

    /// <summary>
    /// The platform console's own frame, for an administrator acting on a named practice across the tenant filter (the
    /// practice frame, PracticeChanges, works inside the scope's practice and cannot): the actor must be a platform
    /// administrator, checked in the database inside the transaction (not only by the page's policy); the practice
    /// row is changed in one transaction (locked first when limits are involved, as creations lock it), saved together
    /// with both audit rows (the platform's and the practice's own) and only when the action is done, with the practice's
    /// change notice; then the practice's cached snapshot is dropped so the change applies to its very next request, and
    /// its open pages here hear of it.
    /// </summary>
    private async Task<ChangeResult> ActOnPracticeAsync(
        Guid practiceId, bool lockUsage, string reason, Func<PlatformAction, Task<ChangeResult>> act, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await AdminAsync(db, cancellationToken) is not { } admin)
        {
            return ChangeResult.Forbidden(AdminsOnlyMessage);
        }

        if (lockUsage)
        {
            await PracticeLock.TakeAsync(db, practiceId, cancellationToken);
        }

        var practice = await db.Practices.SingleOrDefaultAsync(t => t.Id == practiceId, cancellationToken);
        if (practice is null)
        {
            return ChangeResult.NotFound(NoSuchPracticeMessage);
        }

        var action = new PlatformAction(db, practice, admin, reason.Trim(), clock.GetUtcNow().UtcDateTime);
        var result = await act(action);
        if (result.Outcome != ChangeOutcome.Done)
        {
            // Refused: the transaction is rolled back when disposed, with anything the action changed.
            return result;
        }

        if (!action.Audited)
        {
            throw new InvalidOperationException("A platform action that saves must record what it did (PlatformAction.Audit) in the same transaction.");
        }

        await db.SaveChangesAsync(cancellationToken);
        // The practice's open pages follow at once (the read-only banner, the layout's suspension check), here and on
        // the other servers: the notice the practice's own changes send (decision 0011), by PostgreSQL with the commit.
        var topics = new HashSet<string>(StringComparer.Ordinal) { LiveTopics.Practice };
        await liveChanges.AnnounceWithinAsync(db, practice.Id, topics, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        directory.Invalidate(practice.Slug);
        liveChanges.Publish(new PracticeChangeNotice(practice.Id, topics));
        return result;
    }

    /// <summary>What an action works with inside the platform's frame: the context, the practice acted upon, who acts and why, and "now".</summary>
    private sealed class PlatformAction(MedicalDbContext db, Practice practice, PlatformActor admin, string reason, DateTime nowUtc)
    {
        public MedicalDbContext Db => db;

        public Practice Practice => practice;

        public string Reason => reason;

        public DateTime NowUtc => nowUtc;

        public bool Audited { get; private set; }

        /// <summary>
        /// Says what the action did twice, saved with it: in the platform trail (with the practice's address) and in the
        /// practice's own trail, so the practice's log shows what the platform team changed and why.
        /// </summary>
        public void Audit(string auditAction, string details)
        {
            db.PlatformAuditEvents.Add(new PlatformAuditEvent
            {
                UserId = admin.UserId,
                UserEmail = admin.Email,
                Action = auditAction,
                TenantId = practice.Id,
                IpAddress = admin.IpAddress,
                Details = $"{practice.Slug}: {details} Reason: {reason}",
                OccurredAtUtc = nowUtc,
            });
            db.AuditEvents.Add(new AuditEvent
            {
                TenantId = practice.Id, // the platform context has no practice of its own: name the one acted upon
                UserId = admin.UserId,
                UserEmail = admin.Email,
                Action = auditAction,
                EntityType = nameof(Practice),
                EntityId = practice.Id.ToString(),
                IpAddress = admin.IpAddress,
                Details = $"By the MedicalApp platform team: {details} Reason: {reason}",
                OccurredAtUtc = nowUtc,
            });
            Audited = true;
        }

        public void AddHistory(PracticePlan from, PracticePlan to, string description) =>
            db.SubscriptionChanges.Add(new SubscriptionChange
            {
                TenantId = practice.Id,
                FromPlan = from,
                ToPlan = to,
                Description = description,
                Reason = reason,
                ChangedByUserId = admin.UserId,
                ChangedByEmail = admin.Email,
                ByPlatform = true,
                ChangedAtUtc = nowUtc,
            });
    }

    /// <summary>The signed-in account when it holds the platform admin role in the database now, else null.</summary>
    private Task<PlatformActor?> AdminAsync(MedicalDbContext db, CancellationToken cancellationToken) =>
        administrators.ReadAsync(db, cancellationToken);

    private async Task RequireAdminAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        if (await AdminAsync(db, cancellationToken) is null)
        {
            throw new UnauthorizedAccessException("Only platform administrators can see practices.");
        }
    }

    /// <summary>The practice's usage, counted across the tenant filter with the limit check's own rules.</summary>
    private static async Task<IReadOnlyList<LimitUsage>> CountUsageAsync(MedicalDbContext db, Guid practiceId, PlanLimits limits, CancellationToken cancellationToken)
    {
        var usage = new List<LimitUsage>();
        foreach (var resource in Enum.GetValues<LimitedResource>())
        {
            long used = resource switch
            {
                LimitedResource.ClinicLocations => await PlanLimitService.CountedLocations(
                    db.ClinicLocations.IgnoreQueryFilters([MedicalDbContext.TenantFilter]).Where(l => l.TenantId == practiceId)).CountAsync(cancellationToken),
                LimitedResource.Doctors => await PlanLimitService.CountedDoctors(
                        db.DoctorProfiles.IgnoreQueryFilters([MedicalDbContext.TenantFilter]).Where(d => d.TenantId == practiceId)).CountAsync(cancellationToken)
                    + await PlanLimitService.SeatHoldingInvitations(
                        db.StaffInvitations.IgnoreQueryFilters([MedicalDbContext.TenantFilter]).Where(i => i.TenantId == practiceId),
                        db.Clock.GetUtcNow().UtcDateTime).CountAsync(cancellationToken),
                LimitedResource.Patients => await db.Patients.IgnoreQueryFilters([MedicalDbContext.TenantFilter])
                    .CountAsync(p => p.TenantId == practiceId && p.IsActive, cancellationToken),
                LimitedResource.StorageBytes => await db.StoredFiles.IgnoreQueryFilters([MedicalDbContext.TenantFilter])
                    .Where(f => f.TenantId == practiceId).SumAsync(f => (long?)f.SizeBytes, cancellationToken) ?? 0,
                _ => throw new InvalidOperationException($"The platform does not count {resource} yet."),
            };
            usage.Add(new LimitUsage(resource, used, PlanLimitService.LimitOf(limits, resource)));
        }

        return usage;
    }

    private static void ValidateReason(string? reason, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["Reason"] = "Give the reason; it is kept in the audit trail.";
        }
        else if (reason.Trim().Length > ReasonMaxLength)
        {
            errors["Reason"] = $"Keep the reason under {ReasonMaxLength} characters.";
        }
    }

    private static void ValidateLimits(PlanLimits? limits, Dictionary<string, string> errors)
    {
        if (limits is null)
        {
            return;
        }

        if (limits.MaxClinicLocations < 0)
        {
            errors[nameof(PlanLimits.MaxClinicLocations)] = "A limit cannot be negative; leave it empty for unlimited.";
        }

        if (limits.MaxDoctors < 0)
        {
            errors[nameof(PlanLimits.MaxDoctors)] = "A limit cannot be negative; leave it empty for unlimited.";
        }

        if (limits.MaxPatients < 0)
        {
            errors[nameof(PlanLimits.MaxPatients)] = "A limit cannot be negative; leave it empty for unlimited.";
        }

        if (limits.MaxStorageBytes < 0)
        {
            errors[nameof(PlanLimits.MaxStorageBytes)] = "A limit cannot be negative; leave it empty for unlimited.";
        }
    }

    private static PlanLimits Copy(PlanLimits limits) => new()
    {
        MaxClinicLocations = limits.MaxClinicLocations,
        MaxDoctors = limits.MaxDoctors,
        MaxPatients = limits.MaxPatients,
        MaxStorageBytes = limits.MaxStorageBytes,
    };

    /// <summary>"3 clinic locations, unlimited doctors, 10,000 patients, 10 GB storage".</summary>
    public static string DescribeLimits(PlanLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        static string Count(int? value, string one, string many) => value switch
        {
            null => $"unlimited {many}",
            1 => $"1 {one}",
            var n => $"{n:N0} {many}",
        };

        return string.Join(", ",
            Count(limits.MaxClinicLocations, "clinic location", "clinic locations"),
            Count(limits.MaxDoctors, "doctor", "doctors"),
            Count(limits.MaxPatients, "patient", "patients"),
            limits.MaxStorageBytes is { } bytes ? $"{PlanLimitService.FormatBytes(bytes)} storage" : "unlimited storage");
    }
}
