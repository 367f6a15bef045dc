using MedicalApp.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MedicalApp.Web.Services.Live;

/// <summary>
/// Brings other servers' change notices to this server's pages, on PostgreSQL. One dedicated connection (the
/// application role's connection string, outside the pool EF uses: a LISTENing session must stay the same session)
/// LISTENs to the channel of every practice that has an open page here, and UNLISTENs when the last one closes. A
/// dropped connection (a database restart, a network cut, an administrator ending the session) is opened again with
/// growing pauses; once it is back, every watched practice's pages are told to re-read (a resync), since notices sent
/// meanwhile are lost. On SQLite (one server) there is nothing to listen to and this does nothing.
/// </summary>
public sealed class PostgresChangeListener : BackgroundService
{
    /// <summary>
    /// How long one wait for notifications lasts before the channel list is brought up to date with the open pages.
    /// Npgsql cannot run LISTEN while it waits, and cancelling its wait is not safe for a connection that is kept,
    /// so the wait ends by itself; nothing is read from the database when it does.
    /// </summary>
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    private readonly PracticeChangeHub hub;
    private readonly ILogger<PostgresChangeListener> logger;
    private readonly string? connectionString;
    private readonly Lock gate = new();
    private readonly HashSet<Guid> listening = [];
    private TaskCompletionSource listeningChanged = NewSignal();

    public PostgresChangeListener(PracticeChangeHub hub, IOptions<DatabaseOptions> database, IConfiguration configuration, ILogger<PostgresChangeListener> logger)
    {
        this.hub = hub;
        this.logger = logger;
        if (database.Value.Provider == DatabaseProvider.Postgres && configuration.GetConnectionString("Postgres") is { } appRole)
        {
            connectionString = new NpgsqlConnectionStringBuilder(appRole)
            {
                Pooling = false,
                Enlist = false,
                // Notices our own session would not notice missing: a silent network cut is found by keepalives.
                KeepAlive = 15,
                // Names the session in pg_stat_activity by server, so an operator (or a test) can tell the listeners apart.
                ApplicationName = ApplicationNameOf(hub.InstanceId),
            }.ConnectionString;
        }
    }

    /// <summary>The <c>application_name</c> of a server's listening session.</summary>
    public static string ApplicationNameOf(Guid instanceId) => "medicalapp-live-" + instanceId.ToString("N");

    /// <summary>Completes once this server LISTENs to the practice's channel (when a page of it is open here).</summary>
    public async Task WhenListeningAsync(Guid practiceId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (gate)
            {
                if (listening.Contains(practiceId))
                {
                    return;
                }

                changed = listeningChanged.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (connectionString is null)
        {
            return;
        }

        var failures = 0;
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += OnNotification;
                await SyncChannelsAsync(connection, stoppingToken);
                if (connectedBefore)
                {
                    logger.LogInformation("Listening for other servers' changes again after {Failures} failed attempt(s).", failures);
                    foreach (var practiceId in Listening())
                    {
                        hub.Publish(PracticeChangeNotice.ResyncOf(practiceId));
                    }
                }

                connectedBefore = true;
                failures = 0;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(WaitSlice);
                    await SyncChannelsAsync(connection, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Whatever broke the session (PostgresException for an ended backend, NpgsqlException or IOException for
                // a cut), the answer is the same: a new session. Ending this service instead would stop the app.
                ForgetChannels();
                failures++;
                var pause = PauseAfter(failures);
                logger.LogWarning(ex, "Lost the connection that hears other servers' changes; trying again in {Pause}.", pause);
                try
                {
                    await Task.Delay(pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        ForgetChannels();
    }

    /// <summary>Half a second after the first failure, doubling up to half a minute.</summary>
    internal static TimeSpan PauseAfter(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(LongestPause.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(failures - 1, 16))));

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e) => Deliver(e.Channel, e.Payload);

    /// <summary>Hands a notice heard from PostgreSQL to this server's pages; false when it is not for them.</summary>
    internal bool Deliver(string channel, string payload)
    {
        if (PracticeChannels.Read(channel, payload) is not { } heard)
        {
            logger.LogWarning("Ignored a malformed change notice on {Channel}.", channel);
            return false;
        }

        // This server's own changes reached its pages straight after their commit (see PracticeChangeHub).
        if (heard.SentBy == hub.InstanceId)
        {
            return false;
        }

        hub.Publish(heard.Notice);
        return true;
    }

    /// <summary>LISTENs to the channels of practices that got an open page, UNLISTENs those whose last page closed.</summary>
    private async Task SyncChannelsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var wanted = hub.WatchedPractices();
        var current = Listening();
        var start = wanted.Except(current).ToList();
        var stop = current.Except(wanted).ToList();
        if (start.Count == 0 && stop.Count == 0)
        {
            return;
        }

        // Channel names are "practice_" and 32 hex digits: nothing from outside goes into this text.
        var commands = start.Select(p => $"LISTEN \"{PracticeChannels.For(p)}\";")
            .Concat(stop.Select(p => $"UNLISTEN \"{PracticeChannels.For(p)}\";"));
        await using (var command = new NpgsqlCommand(string.Concat(commands), connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (gate)
        {
            listening.UnionWith(start);
            listening.ExceptWith(stop);
            SignalChange();
        }
    }

    private HashSet<Guid> Listening()
    {
        lock (gate)
        {
            return [.. listening];
        }
    }

    private void ForgetChannels()
    {
        lock (gate)
        {
            listening.Clear();
            SignalChange();
        }
    }

    private void SignalChange()
    {
        listeningChanged.TrySetResult();
        listeningChanged = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
