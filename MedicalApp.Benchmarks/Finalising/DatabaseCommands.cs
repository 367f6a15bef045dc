using System.Diagnostics;

namespace MedicalApp.Benchmarks.Finalising;

/// <summary>
/// Counts the statements the app sends to PostgreSQL, and how long each took at the client, from Npgsql's own
/// tracing (its <c>Npgsql</c> activity source, which starts an activity per command only while someone listens): so
/// the report can say how much of a finalisation is round trips to the database. It counts every command on the
/// connection, EF's and the raw ones (the tenant's <c>set_config</c> when a connection is opened, the numbering
/// counter's upsert); the transaction's BEGIN and COMMIT are not commands and are not counted.
/// </summary>
public sealed class DatabaseCommands : IDisposable
{
    private readonly ActivityListener listener;
    private readonly List<string> recorded = [];
    private long count;
    private long ticks;
    private volatile bool recording;

    public DatabaseCommands()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Client)
                {
                    Interlocked.Increment(ref count);
                    Interlocked.Add(ref ticks, activity.Duration.Ticks);
                    if (recording)
                    {
                        var text = activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement") ?? activity.DisplayName;
                        lock (recorded)
                        {
                            recorded.Add($"{activity.Duration.TotalMilliseconds,6:0.00} ms  {text}");
                        }
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Commands so far, and their summed client-side duration.</summary>
    public (long Count, TimeSpan Time) Read() => (Interlocked.Read(ref count), TimeSpan.FromTicks(Interlocked.Read(ref ticks)));

    /// <summary>Records the text and time of each statement until <see cref="StopRecording"/> (one call, not concurrent ones).</summary>
    public void StartRecording()
    {
        lock (recorded)
        {
            recorded.Clear();
        }

        recording = true;
    }

    public IReadOnlyList<string> StopRecording()
    {
        recording = false;
        lock (recorded)
        {
            return [.. recorded];
        }
    }

    public void Dispose() => listener.Dispose();
}
