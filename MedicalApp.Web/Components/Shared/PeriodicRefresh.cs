namespace MedicalApp.Web.Components.Shared;

/// <summary>
/// Re-reads a live page's data every few seconds until the page goes away, so what others change (a walk-in added at
/// the desk, a consultation started by the doctor) shows up without a reload. A failed read (the database restarting)
/// does not end the loop: <see cref="LastFailed"/> says so and the next tick tries again.
/// Usage, in a component: <c>refresh.Start(period, InvokeAsync, LoadAsync, StateHasChanged)</c> from
/// <c>OnAfterRender(firstRender)</c> (only the live circuit refreshes, not the prerendered response), and
/// <c>refresh.Dispose()</c> in the component's Dispose.
/// </summary>
public sealed class PeriodicRefresh : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private bool started;

    public PeriodicRefresh()
    {
        // Read once: the token stays usable after the source is disposed with the page.
        Stopping = stop.Token;
    }

    /// <summary>Cancelled when the page is left; pass it to the reads so a closed page stops waiting for them.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Whether the last periodic read failed (shown as "retrying" by the page).</summary>
    public bool LastFailed { get; private set; }

    /// <param name="period">Time between reads.</param>
    /// <param name="onRendererThread">The component's InvokeAsync: reads and renders run on its synchronisation context.</param>
    /// <param name="reload">Reads the page's data.</param>
    /// <param name="render">The component's StateHasChanged.</param>
    public void Start(TimeSpan period, Func<Func<Task>, Task> onRendererThread, Func<Task> reload, Action render)
    {
        ArgumentNullException.ThrowIfNull(onRendererThread);
        if (started)
        {
            return;
        }

        started = true;
        _ = LoopAsync(period, onRendererThread, reload, render);
    }

    private async Task LoopAsync(TimeSpan period, Func<Func<Task>, Task> onRendererThread, Func<Task> reload, Action render)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(Stopping))
            {
                await onRendererThread(async () =>
                {
                    try
                    {
                        await reload();
                        LastFailed = false;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LastFailed = true;
                    }

                    render();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended while a tick was being dispatched.
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
