using Bunit;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.Features.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Dashboards;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Features.Platform;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Live;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MedicalApp.Tests.Features.Live;

/// <summary>
/// Open pages that follow their practice without a reload, rendered (bUnit) over a real database on both providers:
/// the administrators' dashboard, the desk's day summary, the doctor's queue and the waiting-room display follow a
/// check-in made at the desk; the read-only banner
/// follows the platform team's plan change, and a suspension by the platform team reaches the open page (the layout
/// then leaves for the suspension notice). The platform console's actions announce the practice's change like the
/// practice's own changes do: to that practice's pages only, on PostgreSQL also through NOTIFY with the commit, and
/// nothing for a refused action. On PostgreSQL a page's first read is still under way after its first render, so these
/// also show that a page starts following once its data is there.
/// </summary>
public abstract class LivePanelsTests(AppointmentFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private PracticeChangeHub Hub => fixture.Db.Services.Scope(null, null).Get<PracticeChangeHub>();

    [Fact]
    public async Task The_administrators_dashboard_follows_a_check_in_made_at_the_desk()
    {
        var practice = fixture.PracticeA;
        var owner = await practice.AddMemberAsync(PracticeRoles.Owner);
        var visit = await VisitTodayAsync("Meera", "Pillai");
        await using var context = MemberComponents.For(fixture.Db, practice, owner);
        var asOwner = practice.As(owner);
        context.Services.AddSingleton(asOwner.Get<DashboardService>());
        context.Services.AddSingleton(asOwner.Get<SubscriptionService>());

        var panel = context.Render<AdminDashboardPanel>();
        panel.WaitForAssertion(() => Assert.Contains("updates by itself", panel.Markup, StringComparison.Ordinal), Patience);
        var arrivedBefore = Count(panel, "admin-day-summary", "Arrived");
        await WaitUntilFollowingAsync(practice.Id);

        await ChangeAssert.DoneAsync(practice.As(fixture.DeskA).Get<CheckInService>().CheckInAsync(visit));

        panel.WaitForAssertion(() => Assert.Equal(arrivedBefore + 1, Count(panel, "admin-day-summary", "Arrived")), Patience);
    }

    [Fact]
    public async Task The_desks_day_summary_follows_a_check_in_made_at_another_desk()
    {
        var practice = fixture.PracticeA;
        var nurse = await practice.AddMemberAsync(PracticeRoles.Receptionist);
        var visit = await VisitTodayAsync("Arul", "Doss");
        await using var context = MemberComponents.For(fixture.Db, practice, nurse);
        context.Services.AddSingleton(practice.As(nurse).Get<DashboardService>());

        var panel = context.Render<ReceptionSummaryPanel>();
        panel.WaitForAssertion(() => Assert.Contains("updates by itself", panel.Markup, StringComparison.Ordinal), Patience);
        var arrivedBefore = Count(panel, "reception-day-summary", "Arrived");
        await WaitUntilFollowingAsync(practice.Id);

        await ChangeAssert.DoneAsync(practice.As(fixture.DeskA).Get<CheckInService>().CheckInAsync(visit));

        panel.WaitForAssertion(() => Assert.Equal(arrivedBefore + 1, Count(panel, "reception-day-summary", "Arrived")), Patience);
    }

    [Fact]
    public async Task The_doctors_open_queue_shows_the_token_of_a_check_in_made_at_the_desk()
    {
        var practice = fixture.PracticeA;
        var doctor = await practice.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var visit = await practice.AddAppointmentAsync(
            doctor.Id, fixture.AnnaNagar, await practice.AddPatientAsync("Sita", "Raman"), AppointmentFixture.Utc(AppointmentFixture.Today, 11, 0));
        await using var context = MemberComponents.For(fixture.Db, practice, doctor.Member);
        var asDoctor = practice.As(doctor.Member);
        context.Services.AddSingleton(asDoctor.Get<DashboardService>());
        context.Services.AddSingleton(asDoctor.Get<AppointmentService>());
        context.Services.AddSingleton(asDoctor.Get<MedicalApp.Web.Features.Consultations.ConsultationService>());
        context.Services.AddScoped<MedicalApp.Web.Components.Shared.Changes.ChangeFeedback>();

        var panel = context.Render<DoctorDashboardPanel>();
        const string Row = "[data-testid=queue-row][data-patient='Sita Raman']";
        panel.WaitForAssertion(() => Assert.Empty(panel.Find($"{Row} [data-testid=queue-token]").TextContent.Trim()), Patience);
        await WaitUntilFollowingAsync(practice.Id);

        await ChangeAssert.DoneAsync(practice.As(fixture.DeskA).Get<CheckInService>().CheckInAsync(visit));

        panel.WaitForAssertion(() => Assert.Equal("T-01", panel.Find($"{Row} [data-testid=queue-token]").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task The_waiting_room_display_shows_a_new_arrivals_token_by_itself()
    {
        var practice = fixture.PracticeA;
        var owner = await practice.AddMemberAsync(PracticeRoles.Owner);
        var key = await ChangeAssert.DoneAsync(practice.As(owner).Get<MedicalApp.Web.Features.WaitingRoom.WaitingDisplayService>().CreateLinkAsync());
        var doctor = await practice.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var visit = await practice.AddAppointmentAsync(
            doctor.Id, fixture.AnnaNagar, await practice.AddPatientAsync("Gita", "Bose"), AppointmentFixture.Utc(AppointmentFixture.Today, 11, 0));
        await using var context = MemberComponents.For(fixture.Db, practice, member: null); // the TV is signed out
        var tv = practice.As(null);
        context.Services.AddSingleton(tv.Get<MedicalApp.Web.Features.WaitingRoom.WaitingDisplayService>());
        context.Services.AddSingleton(tv.Get<TimeProvider>());

        var display = context.Render<MedicalApp.Web.Features.WaitingRoom.WaitingDisplay>(p => p.Add(d => d.Key, key));
        var column = $"[data-doctor='{doctor.Name}']";
        display.WaitForAssertion(() => Assert.Contains("data-testid=\"waiting-display\"", display.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(display.FindAll(column));
        await WaitUntilFollowingAsync(practice.Id);

        await ChangeAssert.DoneAsync(practice.As(fixture.DeskA).Get<CheckInService>().CheckInAsync(visit));

        display.WaitForAssertion(() => Assert.Contains("T-01", display.Find(column).TextContent, StringComparison.Ordinal), Patience);
        Assert.DoesNotContain("Gita", display.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_platform_teams_plan_change_lifts_the_open_read_only_banner_and_a_suspension_reaches_the_open_page()
    {
        var clock = AppointmentFixture.NewClock();
        var practice = await fixture.Db.CreatePracticeAsync(
            "live-banner-" + Guid.NewGuid().ToString("N")[..8], PracticePlan.Trial, clock.GetUtcNow().UtcDateTime.AddDays(-1), clock: clock);
        var owner = await practice.AddMemberAsync(PracticeRoles.Owner);
        var console = fixture.Db.AtRoot(await PlanTestData.CreatePlatformAdminAsync(fixture.Db), clock).Get<PlatformPracticeService>();
        await using var context = MemberComponents.For(fixture.Db, practice, owner, out var page);
        context.Services.AddSingleton(practice.As(owner).Get<SubscriptionService>());
        var notifier = page.Get<PracticeStateNotifier>();

        var banner = context.Render<ReadOnlyBanner>();
        banner.WaitForAssertion(() => Assert.Contains("This practice is read-only", banner.Markup, StringComparison.Ordinal), Patience);
        await WaitUntilFollowingAsync(practice.Id);

        Assert.True((await console.ChangePlanAsync(practice, PracticePlan.Basic, null, "Paid by bank transfer")).Succeeded);
        banner.WaitForAssertion(() => Assert.DoesNotContain("read-only", banner.Markup, StringComparison.Ordinal), Patience);
        Assert.False(notifier.IsSuspended);

        Assert.True((await console.SuspendAsync(practice, "Cheque bounced")).Succeeded);
        banner.WaitForAssertion(() => Assert.True(notifier.IsSuspended), Patience);
    }

    [Fact]
    public async Task A_platform_action_is_announced_to_its_practice_only_and_a_refused_one_is_not()
    {
        var clock = AppointmentFixture.NewClock();
        var practice = await fixture.Db.CreatePracticeAsync(
            "live-console-" + Guid.NewGuid().ToString("N")[..8], PracticePlan.Trial, clock.GetUtcNow().UtcDateTime.AddDays(5), clock: clock);
        var owner = await practice.AddMemberAsync(PracticeRoles.Owner);
        var console = fixture.Db.AtRoot(await PlanTestData.CreatePlatformAdminAsync(fixture.Db), clock).Get<PlatformPracticeService>();
        var inPractice = new List<PracticeChangeNotice>();
        var elsewhere = new List<PracticeChangeNotice>();
        using var pageOfPractice = practice.As(owner).Get<LiveUpdates>().Subscribe(Collect(inPractice));
        using var pageElsewhere = fixture.PracticeB.As(fixture.DeskB).Get<LiveUpdates>().Subscribe(Collect(elsewhere));
        await using var otherServer = await ListenAsync(practice.Id);

        var lastDay = DateOnly.FromDateTime(MedicalApp.Data.Tenancy.PracticeTime.ToLocal(clock.GetUtcNow().UtcDateTime, practice.TimeZoneId)).AddDays(20);
        Assert.True((await console.ExtendTrialAsync(practice, lastDay, "Evaluating")).Succeeded);

        var notice = Assert.Single(Snapshot(inPractice));
        Assert.Equal((practice.Id, false), (notice.PracticeId, notice.Resync));
        Assert.Equal([LiveTopics.Practice], notice.Topics);
        Assert.Empty(Snapshot(elsewhere));
        if (otherServer is not null)
        {
            // The other servers hear it from PostgreSQL, with the commit; only the kind of record travels.
            var heard = await otherServer.NextAsync(Patience);
            Assert.Equal(PracticeChannels.For(practice.Id), heard.Channel);
            var read = PracticeChannels.Read(heard.Channel, heard.Payload);
            Assert.NotNull(read);
            Assert.Equal([LiveTopics.Practice], read.Value.Notice.Topics);
            Assert.DoesNotContain("Evaluating", heard.Payload, StringComparison.Ordinal);
        }

        // Refused (the trial already runs through that day): nothing changed, nothing announced.
        Assert.False((await console.ExtendTrialAsync(practice, lastDay, "Again")).Succeeded);
        Assert.Single(Snapshot(inPractice));
        Assert.Empty(Snapshot(elsewhere));
    }

    /// <summary>A scheduled visit today at 11:00 (Chennai) with a new doctor of practice A, for the desk to check in.</summary>
    private async Task<Guid> VisitTodayAsync(string firstName, string lastName)
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var patient = await fixture.PracticeA.AddPatientAsync(firstName, lastName);
        return await fixture.PracticeA.AddAppointmentAsync(doctor.Id, fixture.AnnaNagar, patient, AppointmentFixture.Utc(AppointmentFixture.Today, 11, 0));
    }

    /// <summary>The day table's figure for Anna Nagar and <paramref name="status"/>.</summary>
    private static int Count<TPanel>(IRenderedComponent<TPanel> panel, string table, string status) where TPanel : Microsoft.AspNetCore.Components.IComponent =>
        int.Parse(panel.Find($"[data-testid={table}] td[data-location='Anna Nagar'][data-status='{status}']").TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Waits until the rendered page has subscribed to its practice's notices (the only page of that practice in these
    /// tests), so the change that follows cannot come before it listens.
    /// </summary>
    private async Task WaitUntilFollowingAsync(Guid practiceId)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!Hub.WatchedPractices().Contains(practiceId))
        {
            try
            {
                await Task.Delay(20, patience.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("The page never started following its practice's changes.");
            }
        }
    }

    private static Action<PracticeChangeNotice> Collect(List<PracticeChangeNotice> into) => notice =>
    {
        lock (into)
        {
            into.Add(notice);
        }
    };

    private static List<PracticeChangeNotice> Snapshot(List<PracticeChangeNotice> of)
    {
        lock (of)
        {
            return [.. of];
        }
    }

    /// <summary>On PostgreSQL, another server's connection LISTENing to the practice's channel; null on SQLite (one server).</summary>
    private async Task<ChannelListener?> ListenAsync(Guid practiceId) =>
        fixture.Db.Provider == DatabaseProvider.Postgres
            ? await ChannelListener.StartAsync(fixture.Db.ConnectionStrings(DatabaseRole.Application), PracticeChannels.For(practiceId))
            : null;

    private sealed class ChannelListener : IAsyncDisposable
    {
        private readonly NpgsqlConnection connection;
        private readonly TaskCompletionSource<NpgsqlNotificationEventArgs> heard = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private ChannelListener(NpgsqlConnection connection)
        {
            this.connection = connection;
            connection.Notification += (_, e) => heard.TrySetResult(e);
        }

        public static async Task<ChannelListener> StartAsync(string connectionString, string channel)
        {
            var listener = new ChannelListener(new NpgsqlConnection(connectionString));
            await listener.connection.OpenAsync();
            await using var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", listener.connection);
            await listen.ExecuteNonQueryAsync();
            return listener;
        }

        public async Task<NpgsqlNotificationEventArgs> NextAsync(TimeSpan patience)
        {
            Assert.True(await connection.WaitAsync(patience), "No notification arrived.");
            return await heard.Task.WaitAsync(patience);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}

public sealed class SqliteLivePanelsTests(SqliteAppointmentFixture fixture)
    : LivePanelsTests(fixture), IClassFixture<SqliteAppointmentFixture>;

public sealed class PostgresLivePanelsTests(PostgresAppointmentFixture fixture)
    : LivePanelsTests(fixture), IClassFixture<PostgresAppointmentFixture>;
