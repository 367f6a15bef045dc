using System.Text.Json;
using MedicalApp.Data;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MedicalApp.Tests.Features.Live;

/// <summary>
/// Several servers on one PostgreSQL database. "This server" is the test's app services (its change frame sends
/// NOTIFY inside each change's transaction); "the other server" is a second hub with its own listener on the same
/// database, as another app instance runs it. Waits are for the notice itself (bounded only so a failure ends).
/// </summary>
public sealed class PostgresChangeListenerTests(PostgresAppointmentFixture fixture, PostgresServer server)
    : IClassFixture<PostgresAppointmentFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_change_on_one_server_reaches_the_pages_of_its_practice_on_another_and_only_those()
    {
        await using var other = await OtherServer.StartAsync(fixture.Db);
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var doctorOfB = await fixture.PracticeB.AddDoctorAsync([DoctorHours.Weekdays(fixture.BLocation, 9, 13)]);
        var pageOfA = new Heard();
        var pageOfB = new Heard();
        using var subscriptionA = other.Hub.Subscribe(fixture.PracticeA.Id, pageOfA.Add);
        using var subscriptionB = other.Hub.Subscribe(fixture.PracticeB.Id, pageOfB.Add);
        await other.Listener.WhenListeningAsync(fixture.PracticeA.Id).WaitAsync(Patience);
        await other.Listener.WhenListeningAsync(fixture.PracticeB.Id).WaitAsync(Patience);

        var added = await fixture.PracticeA.As(fixture.DeskA).Get<WalkInQueueService>()
            .AddWalkInAsync(await fixture.PracticeA.AddPatientAsync("Farida", "Begum"), doctor.Id, fixture.AnnaNagar);
        Assert.True(added.Succeeded, added.Summary());

        var notice = await pageOfA.NextAsync(n => !n.Resync).WaitAsync(Patience);
        Assert.Equal(fixture.PracticeA.Id, notice.PracticeId);
        Assert.Equal([LiveTopics.Appointment], notice.Topics);
        // Notices of one connection arrive in commit order: anything sent to B's channel by A's change came first.
        Assert.Empty(pageOfB.All);

        var addedInB = await fixture.PracticeB.As(fixture.DeskB).Get<WalkInQueueService>()
            .AddWalkInAsync(await fixture.PracticeB.AddPatientAsync("Joseph", "Mathew"), doctorOfB.Id, fixture.BLocation);
        Assert.True(addedInB.Succeeded, addedInB.Summary());
        Assert.Equal(fixture.PracticeB.Id, (await pageOfB.NextAsync(n => !n.Resync).WaitAsync(Patience)).PracticeId);
        Assert.Single(pageOfA.All);
    }

    [Fact]
    public async Task The_notification_names_the_practice_and_what_changed_and_nothing_about_the_patient()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        const string mobile = "9840055501";
        var patient = await fixture.PracticeA.AddPatientAsync("Zenobia", "Quadros", mobile);
        await using var listening = new NpgsqlConnection(fixture.Db.ConnectionStrings(DatabaseRole.Application));
        await listening.OpenAsync();
        var heard = new TaskCompletionSource<NpgsqlNotificationEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        listening.Notification += (_, e) => heard.TrySetResult(e);
        await using (var listen = new NpgsqlCommand($"LISTEN \"{PracticeChannels.For(fixture.PracticeA.Id)}\"", listening))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var added = await fixture.PracticeA.As(fixture.DeskA).Get<WalkInQueueService>().AddWalkInAsync(patient, doctor.Id, fixture.AnnaNagar, "Chest pain");
        Assert.True(added.Succeeded, added.Summary());
        Assert.True(await listening.WaitAsync(Patience));
        var notification = await heard.Task.WaitAsync(Patience);

        Assert.Equal(PracticeChannels.For(fixture.PracticeA.Id), notification.Channel);
        using var payload = JsonDocument.Parse(notification.Payload);
        Assert.Equal(["Practice", "Instance", "Topics"], payload.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(fixture.PracticeA.Id, payload.RootElement.GetProperty("Practice").GetGuid());
        Assert.Equal(fixture.Db.Services.Scope(null, null).Get<PracticeChangeHub>().InstanceId, payload.RootElement.GetProperty("Instance").GetGuid());
        Assert.Equal([LiveTopics.Appointment], payload.RootElement.GetProperty("Topics").EnumerateArray().Select(t => t.GetString()));
        foreach (var secret in new[] { patient.ToString(), patient.ToString("N"), "Zenobia", "Quadros", mobile, "Chest pain", added.Value!.Number!, doctor.Name })
        {
            Assert.DoesNotContain(secret, notification.Payload, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_listener_hears_again_after_its_session_is_ended_and_tells_pages_to_re_read()
    {
        await using var other = await OtherServer.StartAsync(fixture.Db);
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var page = new Heard();
        using var subscription = other.Hub.Subscribe(fixture.PracticeA.Id, page.Add);
        await other.Listener.WhenListeningAsync(fixture.PracticeA.Id).WaitAsync(Patience);

        await using (var superuser = new NpgsqlConnection(server.SuperuserConnectionString))
        {
            await superuser.OpenAsync();
            // The filter runs before the aggregate's FILTER: only that session is ended (a WHERE with both conditions
            // could evaluate pg_terminate_backend first, for every session).
            await using var terminate = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name", superuser);
            terminate.Parameters.AddWithValue("name", PostgresChangeListener.ApplicationNameOf(other.Hub.InstanceId));
            Assert.Equal(1L, await terminate.ExecuteScalarAsync());
        }

        // Back on a new session: the pages hear "you may have missed something", then changes as before.
        Assert.True((await page.NextAsync(n => n.Resync).WaitAsync(Patience)).Resync);
        var added = await fixture.PracticeA.As(fixture.DeskA).Get<WalkInQueueService>()
            .AddWalkInAsync(await fixture.PracticeA.AddPatientAsync("Harish", "Rao"), doctor.Id, fixture.AnnaNagar);
        Assert.True(added.Succeeded, added.Summary());
        var notice = await page.NextAsync(n => !n.Resync).WaitAsync(Patience);
        Assert.Equal([LiveTopics.Appointment], notice.Topics);
    }

    [Fact]
    public void A_server_ignores_its_own_notices_heard_back_and_malformed_ones()
    {
        var hub = new PracticeChangeHub(NullLogger<PracticeChangeHub>.Instance);
        using var listener = OtherServer.ListenerFor(hub, fixture.Db);
        var practice = Guid.NewGuid();
        var page = new Heard();
        using var subscription = hub.Subscribe(practice, page.Add);

        Assert.False(listener.Deliver(PracticeChannels.For(practice), PracticeChannels.Payload(practice, hub.InstanceId, [LiveTopics.Appointment])));
        Assert.False(listener.Deliver(PracticeChannels.For(practice), "{}"));
        Assert.Empty(page.All);
        Assert.True(listener.Deliver(PracticeChannels.For(practice), PracticeChannels.Payload(practice, Guid.NewGuid(), [LiveTopics.Appointment])));
        Assert.Single(page.All);
    }

    /// <summary>Notices a page heard, in order, and a way to wait for the next one of a kind.</summary>
    private sealed class Heard
    {
        private readonly List<Entry> notices = [];
        private readonly List<(Func<PracticeChangeNotice, bool> Wanted, TaskCompletionSource<PracticeChangeNotice> Signal)> waiting = [];

        /// <summary>Every change notice heard (resyncs left out).</summary>
        public List<PracticeChangeNotice> All
        {
            get
            {
                lock (notices)
                {
                    return notices.Select(e => e.Notice).Where(n => !n.Resync).ToList();
                }
            }
        }

        public void Add(PracticeChangeNotice notice)
        {
            lock (notices)
            {
                var entry = new Entry(notice);
                notices.Add(entry);
                if (waiting.FirstOrDefault(w => w.Wanted(notice)) is { Signal: not null } waiter)
                {
                    waiting.Remove(waiter);
                    entry.Taken = true;
                    waiter.Signal.TrySetResult(notice);
                }
            }
        }

        /// <summary>The first notice matching <paramref name="wanted"/> not yet returned (one heard earlier counts).</summary>
        public Task<PracticeChangeNotice> NextAsync(Func<PracticeChangeNotice, bool> wanted)
        {
            lock (notices)
            {
                var signal = new TaskCompletionSource<PracticeChangeNotice>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (notices.FirstOrDefault(e => !e.Taken && wanted(e.Notice)) is { } already)
                {
                    already.Taken = true;
                    signal.TrySetResult(already.Notice);
                }
                else
                {
                    waiting.Add((wanted, signal));
                }

                return signal.Task;
            }
        }

        private sealed class Entry(PracticeChangeNotice notice)
        {
            public PracticeChangeNotice Notice { get; } = notice;

            public bool Taken { get; set; }
        }
    }

    /// <summary>Another app instance's half of the feed: its own hub and a started listener on the same database.</summary>
    private sealed class OtherServer(PracticeChangeHub hub, PostgresChangeListener listener) : IAsyncDisposable
    {
        public PracticeChangeHub Hub { get; } = hub;

        public PostgresChangeListener Listener { get; } = listener;

        public static async Task<OtherServer> StartAsync(TestDatabase database)
        {
            var hub = new PracticeChangeHub(NullLogger<PracticeChangeHub>.Instance);
            var listener = ListenerFor(hub, database);
            await listener.StartAsync(CancellationToken.None);
            return new OtherServer(hub, listener);
        }

        public static PostgresChangeListener ListenerFor(PracticeChangeHub hub, TestDatabase database) =>
            new(hub, Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Postgres }),
                new ConfigurationBuilder().AddInMemoryCollection(database.AppSettings).Build(), NullLogger<PostgresChangeListener>.Instance);

        public async ValueTask DisposeAsync()
        {
            await Listener.StopAsync(CancellationToken.None);
            Listener.Dispose();
        }
    }
}
