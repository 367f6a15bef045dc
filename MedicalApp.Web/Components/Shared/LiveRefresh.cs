using MedicalApp.Web.Services.Live;

namespace MedicalApp.Web.Components.Shared;

/// <summary>
/// Re-reads a live page's data when its practice's records change (a walk-in added at the desk, a consultation
/// started by the doctor), here or on another server, so others' work shows up without a reload and without polling.
/// Bursts are coalesced: at most one read runs, and notices arriving meanwhile cause one more read after it, not one
/// each. A failed read (the database restarting) is shown by <see cref="LastFailed"/> ("retrying") and tried again
/// after a pause, growing while it keeps failing, until a read succeeds.
/// Usage, in a component: a field <c>new LiveRefresh(LiveTopics.DayQueue)</c> (or no topics: any change of the
/// practice); <c>refresh.Start(Live, InvokeAsync, LoadAsync, StateHasChanged)</c> from <c>OnAfterRender</c> (only the live
/// circuit listens, not the prerendered response), after any render rather than only the first when the start waits for
/// the page's data (on PostgreSQL the first render comes before an asynchronous read has finished; a second Start does
/// nothing), with <c>@inject LiveUpdates Live</c>; and <c>refresh.Dispose()</c> in the component's Dispose.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource stop = new();
    private readonly IReadOnlySet<string>? topics;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private IDisposable? subscription;
    private Func<Func<Task>, Task> onRendererThread = default!;
    private Func<Task> reload = default!;
    private Action render = default!;
    private bool reading;
    private bool pending;
    private int failuresInARow;

    /// <param name="topics">The kinds of record the page shows (<see cref="LiveTopics"/>); null or empty: every change of the practice.</param>
    /// <param name="clock">Times the pause before retrying a failed read (tests pass a fake one).</param>
    public LiveRefresh(IReadOnlySet<string>? topics = null, TimeProvider? clock = null)
    {
        this.topics = topics;
        this.clock = clock ?? TimeProvider.System;
        // Read once: the token stays usable after the source is disposed with the page.
        Stopping = stop.Token;
    }

    /// <summary>Cancelled when the page is left; pass it to the reads so a closed page stops waiting for them.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Whether the last read failed (shown as "retrying" by the page; a read is tried again by itself).</summary>
    public bool LastFailed { get; private set; }

    /// <param name="live">The circuit's change notices (its own practice's; injected as <see cref="LiveUpdates"/>).</param>
    /// <param name="onRendererThread">The component's InvokeAsync: reads and renders run on its synchronisation context.</param>
    /// <param name="reload">Reads the page's data.</param>
    /// <param name="render">The component's StateHasChanged.</param>
    public void Start(LiveUpdates live, Func<Func<Task>, Task> onRendererThread, Func<Task> reload, Action render)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(onRendererThread);
        ArgumentNullException.ThrowIfNull(reload);
        ArgumentNullException.ThrowIfNull(render);
        lock (gate)
        {
            if (subscription is not null || Stopping.IsCancellationRequested)
            {
                return;
            }

            this.onRendererThread = onRendererThread;
            this.reload = reload;
            this.render = render;
            subscription = live.Subscribe(OnNotice);
        }
    }

    private void OnNotice(PracticeChangeNotice notice)
    {
        if (notice.Concerns(topics))
        {
            RequestRead();
        }
    }

    /// <summary>Starts a read, or, while one runs, asks for one more after it.</summary>
    private void RequestRead()
    {
        lock (gate)
        {
            if (Stopping.IsCancellationRequested)
            {
                return;
            }

            if (reading)
            {
                pending = true;
                return;
            }

            reading = true;
        }

        _ = ReadUntilCaughtUpAsync();
    }

    private async Task ReadUntilCaughtUpAsync()
    {
        try
        {
            while (true)
            {
                var failed = false;
                await onRendererThread(async () =>
                {
                    try
                    {
                        await reload();
                        LastFailed = false;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LastFailed = failed = true;
                    }

                    render();
                });

                lock (gate)
                {
                    failuresInARow = failed ? failuresInARow + 1 : 0;
                    if (failed)
                    {
                        // Notices that came meanwhile are covered by the retry, which reads everything again.
                        pending = false;
                        reading = false;
                        _ = RetryLaterAsync(RetryPause(failuresInARow));
                        return;
                    }

                    if (!pending || Stopping.IsCancellationRequested)
                    {
                        reading = false;
                        return;
                    }

                    pending = false;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The page was left, or its circuit ended while a read was being dispatched.
            lock (gate)
            {
                reading = false;
            }
        }
    }

    private async Task RetryLaterAsync(TimeSpan pause)
    {
        try
        {
            // Not back on the caller's context: the read itself is dispatched to the renderer by RequestRead.
            await Task.Delay(pause, clock, Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        RequestRead();
    }

    /// <summary>5 s after the first failure, doubling up to a minute.</summary>
    internal static TimeSpan RetryPause(int failuresInARow) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(failuresInARow - 1, 10)));

    public void Dispose()
    {
        lock (gate)
        {
            subscription?.Dispose();
            subscription = null;
        }

        stop.Cancel();
        stop.Dispose();
    }
}
