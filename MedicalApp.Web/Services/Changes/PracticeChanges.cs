using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Live;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Services.Changes;

/// <summary>Who may make a change, and what the frame does around it.</summary>
/// <param name="Permission">What the actor must be allowed; null when any active member may (the change decides further).</param>
/// <param name="Refusal">What a member without the permission reads; a general sentence when null.</param>
public sealed record ChangeRule(PracticePermission? Permission, string? Refusal = null)
{
    /// <summary>
    /// Take the practice row lock first (default). Off only where something else serialises the change (the
    /// appointment book's exclusion constraint on PostgreSQL), so unrelated changes of one practice do not queue.
    /// </summary>
    public bool LockPractice { get; init; } = true;

    /// <summary>Allowed while the trial has ended (choosing a plan, for example); everything else is refused then.</summary>
    public bool AllowedWhenReadOnly { get; init; }
}

/// <summary>
/// The one frame every change to a practice's records runs in (docs/decisions/0010): one context and one transaction;
/// the practice row lock; the actor read from the database inside the transaction and checked against the rule; the
/// read-only check; the change itself; one save that writes the change and its audit rows together; the commit. A
/// change that returns anything but done leaves nothing behind, and a change that saved something must have said
/// what in the audit trail, so the trail and the records cannot disagree.
/// </summary>
public sealed class PracticeChanges(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PlanLimitService planLimits,
    TimeProvider clock,
    PracticeChangeHub liveChanges)
{
    public const string NotAllowedMessage = "Your role in this practice does not allow this any more. Reload the page.";

    public async Task<ChangeResult> RunAsync(
        ChangeRule rule, Func<PracticeChange, Task<ChangeResult>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = await RunAsync<object>(rule, async c => await change(c), cancellationToken);
        return result.Result;
    }

    public async Task<ChangeResult<T>> RunAsync<T>(
        ChangeRule rule, Func<PracticeChange, Task<ChangeResult<T>>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        PracticeChange? context = null;
        var committed = false;
        try
        {
            if (rule.LockPractice)
            {
                await PracticeLock.TakeAsync(db, cancellationToken);
            }

            var actor = await actors.ReadAsync(db, cancellationToken);
            if (actor is null || (rule.Permission is { } permission && !actor.May(permission)))
            {
                return ChangeResult.Forbidden(rule.Refusal ?? NotAllowedMessage);
            }

            if (!rule.AllowedWhenReadOnly)
            {
                await db.EnsurePracticeWritableAsync(cancellationToken);
            }

            context = new PracticeChange(db, actor, clock.GetUtcNow().UtcDateTime, planLimits);
            var result = await change(context);
            if (result.Outcome != ChangeOutcome.Done)
            {
                // Refused or unchanged: the transaction is rolled back when disposed, with anything the change added.
                return result;
            }

            if (context.AuditRows == 0 && !context.IsDraft)
            {
                throw new InvalidOperationException("A change that saves must record what it did (PracticeChange.Audit) in the same transaction.");
            }

            await db.SaveChangesAsync(cancellationToken);
            // Open pages of the practice (here and on other servers) re-read what changed; the notice to other servers
            // goes out with the commit, this server's pages hear it right after (PracticeChangeHub says why both).
            var practiceId = db.CurrentTenantId;
            if (practiceId is { } announced)
            {
                await liveChanges.AnnounceWithinAsync(db, announced, context.Topics, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            committed = true;
            if (practiceId is { } changedPractice && context.Topics.Count > 0)
            {
                liveChanges.Publish(new PracticeChangeNotice(changedPractice, context.Topics.ToHashSet(StringComparer.Ordinal)));
            }

            context.RunAfterCommit();
            return result;
        }
        catch (PlanLimitExceededException refusal)
        {
            return ChangeResult.LimitReached(refusal.Message);
        }
        catch (PracticeReadOnlyException refusal)
        {
            return ChangeResult.ReadOnly(refusal.Message);
        }
        catch (PracticeSuspendedException refusal)
        {
            return ChangeResult.Forbidden(refusal.Message);
        }
        finally
        {
            if (!committed)
            {
                context?.RunIfNotSaved();
            }
        }
    }
}

/// <summary>What a change works with inside the frame: the context, the actor as the database says now, and "now".</summary>
public sealed class PracticeChange
{
    private readonly PlanLimitService planLimits;
    private readonly List<Action> afterCommit = [];
    private readonly List<Action> ifNotSaved = [];
    private readonly HashSet<string> topics = new(StringComparer.Ordinal);

    internal PracticeChange(MedicalDbContext db, PracticeActor actor, DateTime nowUtc, PlanLimitService planLimits)
    {
        Db = db;
        Actor = actor;
        NowUtc = nowUtc;
        this.planLimits = planLimits;
    }

    public MedicalDbContext Db { get; }

    public PracticeActor Actor { get; }

    public DateTime NowUtc { get; }

    internal int AuditRows { get; private set; }

    internal bool IsDraft { get; private set; }

    /// <summary>What kinds of record the change touched, by its audit rows: the topics of its live notice (a draft has none).</summary>
    internal IReadOnlySet<string> Topics => topics;

    /// <summary>
    /// Marks a save of the actor's own unfinished work (a consultation's autosaved draft): not audited each time it is
    /// saved, because the change that finishes it (finalising the prescription, completing the visit) records the result.
    /// </summary>
    public void SavesOwnDraft() => IsDraft = true;

    /// <summary>
    /// Work outside the database that must follow the commit and only then (forgetting a cached practice, deleting
    /// a replaced file): a rolled-back change must not have done it.
    /// </summary>
    public void AfterCommit(Action action) => afterCommit.Add(action);

    /// <summary>Undoes work outside the database done inside the change (a file written) when the change is not saved.</summary>
    public void IfNotSaved(Action action) => ifNotSaved.Add(action);

    internal void RunAfterCommit() => afterCommit.ForEach(a => a());

    internal void RunIfNotSaved() => ifNotSaved.ForEach(a => a());

    /// <summary>Says what the change did, written by the same save as the change itself.</summary>
    public void Audit(string action, string entityType, Guid entityId, string? details = null) =>
        Audit(action, entityType, entityId.ToString(), details);

    public void Audit(string action, string? entityType, string? entityId, string? details)
    {
        Db.AuditEvents.Add(Actor.Audit(action, NowUtc, entityType, entityId, details));
        AuditRows++;
        topics.Add(LiveTopics.FromEntityType(entityType));
    }

    /// <summary>Refuses (as <see cref="ChangeOutcome.LimitReached"/>) when the plan has no room for <paramref name="adding"/> more.</summary>
    public Task EnsureRoomForAsync(LimitedResource resource, long adding = 1, CancellationToken cancellationToken = default) =>
        planLimits.EnsureRoomForAsync(Db, resource, adding, cancellationToken);
}
