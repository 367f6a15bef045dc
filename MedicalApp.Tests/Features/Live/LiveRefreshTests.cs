using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Components.Shared;
using MedicalApp.Web.Services.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MedicalApp.Tests.Features.Live;

/// <summary>
/// How a live page reads again: one read at a time, a burst of notices during a read gives one more read (not one
/// each), notices it does not follow or of another practice give none, a failed read is shown and retried, and a
/// page that has gone away reads nothing. The reads run on the test's thread (the renderer is a direct call).
/// </summary>
public sealed class LiveRefreshTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly PracticeChangeHub hub = new(NullLogger<PracticeChangeHub>.Instance);
    private readonly Guid practiceId = Guid.NewGuid();

    [Fact]
    public async Task A_burst_during_a_read_gives_one_more_read_not_one_each()
    {
        var page = new FakePage();
        using var refresh = new LiveRefresh();
        refresh.Start(LiveFor(practiceId), page.OnRendererThread, page.ReadAsync, page.Render);

        Announce(LiveTopics.Appointment);
        await page.Started(1).WaitAsync(Patience);
        Announce(LiveTopics.Appointment);
        Announce(LiveTopics.Patient);
        Announce(LiveTopics.Appointment);
        Assert.Equal(1, page.Reads);

        page.Finish(1);
        await page.Started(2).WaitAsync(Patience);
        page.Finish(2);
        await page.Rendered(2).WaitAsync(Patience);

        Assert.Equal(2, page.Reads);
        Assert.False(refresh.LastFailed);

        // Idle again: the next notice starts a read at once.
        Announce(LiveTopics.Appointment);
        await page.Started(3).WaitAsync(Patience);
        page.Finish(3);
        await page.Rendered(3).WaitAsync(Patience);
        Assert.Equal(3, page.Reads);
    }

    [Fact]
    public async Task Only_the_topics_the_page_follows_and_resyncs_cause_a_read()
    {
        var page = new FakePage(finishAtOnce: true);
        using var refresh = new LiveRefresh(new HashSet<string> { LiveTopics.Appointment });
        refresh.Start(LiveFor(practiceId), page.OnRendererThread, page.ReadAsync, page.Render);

        Announce("DentalPrice");
        hub.Publish(new PracticeChangeNotice(Guid.NewGuid(), new HashSet<string> { LiveTopics.Appointment }));
        Assert.Equal(0, page.Reads);

        Announce(LiveTopics.Appointment, "DentalPrice");
        await page.Rendered(1).WaitAsync(Patience);
        hub.Publish(PracticeChangeNotice.ResyncOf(practiceId));
        await page.Rendered(2).WaitAsync(Patience);
        Assert.Equal(2, page.Reads);
    }

    [Fact]
    public async Task A_failed_read_is_shown_and_tried_again_until_one_succeeds()
    {
        var clock = new FakeTimeProvider();
        var page = new FakePage(finishAtOnce: true) { FailingReads = 2 };
        using var refresh = new LiveRefresh(clock: clock);
        refresh.Start(LiveFor(practiceId), page.OnRendererThread, page.ReadAsync, page.Render);

        Announce(LiveTopics.Appointment);
        await page.Rendered(1).WaitAsync(Patience);
        Assert.True(refresh.LastFailed);

        clock.Advance(LiveRefresh.RetryPause(1));
        await page.Rendered(2).WaitAsync(Patience);
        Assert.True(refresh.LastFailed);

        clock.Advance(LiveRefresh.RetryPause(2));
        await page.Rendered(3).WaitAsync(Patience);
        Assert.False(refresh.LastFailed);
        Assert.Equal(3, page.Reads);
    }

    [Fact]
    public void Retries_wait_longer_while_reads_keep_failing()
    {
        Assert.Equal(
            [5, 10, 20, 40, 60, 60],
            Enumerable.Range(1, 6).Select(n => LiveRefresh.RetryPause(n).TotalSeconds));
    }

    [Fact]
    public void A_page_that_has_gone_away_reads_nothing_and_leaves_no_subscription()
    {
        var page = new FakePage(finishAtOnce: true);
        var refresh = new LiveRefresh();
        refresh.Start(LiveFor(practiceId), page.OnRendererThread, page.ReadAsync, page.Render);
        Assert.Contains(practiceId, hub.WatchedPractices());

        refresh.Dispose();
        Announce(LiveTopics.Appointment);

        Assert.Equal(0, page.Reads);
        Assert.DoesNotContain(practiceId, hub.WatchedPractices());
    }

    [Fact]
    public void A_page_follows_only_the_practice_of_its_own_scope()
    {
        var other = Guid.NewGuid();
        var page = new FakePage(finishAtOnce: true);
        using var refresh = new LiveRefresh();
        refresh.Start(LiveFor(practiceId), page.OnRendererThread, page.ReadAsync, page.Render);

        hub.Publish(new PracticeChangeNotice(other, new HashSet<string> { LiveTopics.Appointment }));

        Assert.Equal(0, page.Reads);
        Assert.Throws<InvalidOperationException>(() => new LiveUpdates(hub, new CurrentTenant()).Subscribe(_ => { }));
    }

    private void Announce(params string[] topics) => hub.Publish(new PracticeChangeNotice(practiceId, topics.ToHashSet()));

    private LiveUpdates LiveFor(Guid practice)
    {
        var tenant = new CurrentTenant();
        tenant.Set(new TenantSnapshot(practice, "live", "Live Clinic", PracticeStatus.Active, PracticePlan.Trial, null, "Asia/Kolkata"));
        return new LiveUpdates(hub, tenant);
    }

    /// <summary>A page's reads and renders, counted, each read held until the test finishes it (or finished at once).</summary>
    private sealed class FakePage(bool finishAtOnce = false)
    {
        private readonly Dictionary<int, TaskCompletionSource> started = [];
        private readonly Dictionary<int, TaskCompletionSource> finished = [];
        private readonly Dictionary<int, TaskCompletionSource> rendered = [];
        private readonly Lock gate = new();
        private int renders;
        private int reads;

        public int Reads => Volatile.Read(ref reads);

        public int FailingReads { get; init; }

        public Task Started(int read) => Signal(started, read).Task;

        public Task Rendered(int render) => Signal(rendered, render).Task;

        public void Finish(int read) => Signal(finished, read).TrySetResult();

        public Task OnRendererThread(Func<Task> work) => work();

        public async Task ReadAsync()
        {
            var read = Interlocked.Increment(ref reads);
            Signal(started, read).TrySetResult();
            if (!finishAtOnce)
            {
                await Signal(finished, read).Task;
            }

            if (read <= FailingReads)
            {
                throw new InvalidOperationException("The database is restarting.");
            }
        }

        public void Render() => Signal(rendered, Interlocked.Increment(ref renders)).TrySetResult();

        private TaskCompletionSource Signal(Dictionary<int, TaskCompletionSource> signals, int number)
        {
            lock (gate)
            {
                if (!signals.TryGetValue(number, out var signal))
                {
                    signals[number] = signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                return signal;
            }
        }
    }
}
