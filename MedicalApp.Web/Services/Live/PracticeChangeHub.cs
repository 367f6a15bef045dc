using MedicalApp.Data;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Services.Live;

/// <summary>
/// This server's switchboard of practice change notices: open pages subscribe for their practice (through
/// <see cref="LiveUpdates"/>, which takes the practice from the circuit), and the change frame announces each
/// committed change (<see cref="AnnounceWithinAsync"/> inside its transaction, <see cref="Publish"/> after the commit).
/// <para>
/// Several servers: the announcement inside the transaction is a PostgreSQL <c>pg_notify</c> on the practice's
/// channel, delivered to the other servers' <see cref="PostgresChangeListener"/> only when the change commits (never
/// for a rolled-back one). This server delivers its own changes directly after the commit instead of waiting for the
/// round trip: the pages of the server where the change was made update even while its listening connection is being
/// re-established, and with no extra hop. So that they are not delivered twice, every payload carries
/// <see cref="InstanceId"/> and the listener drops notices sent by its own server.
/// </para>
/// </summary>
public sealed class PracticeChangeHub(ILogger<PracticeChangeHub> logger)
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, List<Subscription>> subscribers = [];

    /// <summary>This server process, as named in the payloads it sends.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>The practices that have at least one open page here (the channels the listener keeps LISTENing to).</summary>
    public IReadOnlySet<Guid> WatchedPractices()
    {
        lock (gate)
        {
            return subscribers.Keys.ToHashSet();
        }
    }

    /// <summary>
    /// Calls <paramref name="handler"/> for every notice of <paramref name="practiceId"/> until the result is disposed.
    /// Internal to the feed: pages subscribe through <see cref="LiveUpdates"/>, which decides the practice itself.
    /// </summary>
    internal IDisposable Subscribe(Guid practiceId, Action<PracticeChangeNotice> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, practiceId, handler);
        lock (gate)
        {
            if (!subscribers.TryGetValue(practiceId, out var list))
            {
                subscribers[practiceId] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    /// <summary>
    /// Says, inside the change's transaction, that the practice's <paramref name="topics"/> changed: on PostgreSQL a
    /// notification to the other servers, sent by PostgreSQL only if the transaction commits. On SQLite (one server)
    /// there is no one else to tell.
    /// </summary>
    public async Task AnnounceWithinAsync(MedicalDbContext db, Guid practiceId, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (topics.Count == 0 || !db.Database.IsNpgsql())
        {
            return;
        }

        var channel = PracticeChannels.For(practiceId);
        var payload = PracticeChannels.Payload(practiceId, InstanceId, topics);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({channel}, {payload})", cancellationToken);
    }

    /// <summary>
    /// Delivers a notice to this server's subscribers of its practice. Never throws: a page whose handler fails must not
    /// fail the change that was already committed, nor keep the other pages from hearing of it.
    /// </summary>
    public void Publish(PracticeChangeNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Subscription[] targets;
        lock (gate)
        {
            if (!subscribers.TryGetValue(notice.PracticeId, out var list))
            {
                return;
            }

            targets = [.. list];
        }

        foreach (var target in targets)
        {
            try
            {
                target.Handler(notice);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A live page failed to take a change notice of practice {PracticeId}.", notice.PracticeId);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            if (subscribers.TryGetValue(subscription.PracticeId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                subscribers.Remove(subscription.PracticeId);
            }
        }
    }

    private sealed class Subscription(PracticeChangeHub hub, Guid practiceId, Action<PracticeChangeNotice> handler) : IDisposable
    {
        public Guid PracticeId { get; } = practiceId;

        public Action<PracticeChangeNotice> Handler { get; } = handler;

        public void Dispose() => hub.Remove(this);
    }
}
