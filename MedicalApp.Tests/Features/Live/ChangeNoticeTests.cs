using MedicalApp.Data.Entities;
using MedicalApp.Tests.Features.Appointments;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Live;

namespace MedicalApp.Tests.Features.Live;

/// <summary>
/// The change frame announces a committed change to the open pages of its practice, and only of its practice, naming
/// the kind of record and nothing else; a refused change announces nothing. On both providers (the frame delivers
/// this server's notices itself; on PostgreSQL it also sends them to the other servers, see
/// <see cref="PostgresChangeListenerTests"/>). The notices reach the subscribers before the change returns.
/// </summary>
public abstract class ChangeNoticeTests(AppointmentFixture fixture)
{
    [Fact]
    public async Task A_walk_in_is_announced_to_the_pages_of_its_practice_and_not_to_another_practice()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var patient = await fixture.PracticeA.AddPatientAsync("Nandini", "Krishnan");
        var inA = new List<PracticeChangeNotice>();
        var inB = new List<PracticeChangeNotice>();
        using var pageOfA = fixture.PracticeA.As(fixture.DeskA).Get<LiveUpdates>().Subscribe(Collect(inA));
        using var pageOfB = fixture.PracticeB.As(fixture.DeskB).Get<LiveUpdates>().Subscribe(Collect(inB));

        var added = await fixture.PracticeA.As(fixture.DeskA).Get<WalkInQueueService>().AddWalkInAsync(patient, doctor.Id, fixture.AnnaNagar);

        Assert.True(added.Succeeded, added.Summary());
        var notice = Assert.Single(Snapshot(inA));
        Assert.Equal(fixture.PracticeA.Id, notice.PracticeId);
        Assert.Equal([LiveTopics.Appointment], notice.Topics);
        Assert.False(notice.Resync);
        Assert.Empty(Snapshot(inB));
    }

    [Fact]
    public async Task A_refused_change_announces_nothing()
    {
        var doctor = await fixture.PracticeA.AddDoctorAsync([DoctorHours.Weekdays(fixture.AnnaNagar, 9, 13)]);
        var patientOfB = await fixture.PracticeB.AddPatientAsync("Someone", "Else");
        var inA = new List<PracticeChangeNotice>();
        using var page = fixture.PracticeA.As(fixture.DeskA).Get<LiveUpdates>().Subscribe(Collect(inA));

        // B's patient, named in A's walk-in form: not found in A, nothing saved, nothing announced.
        var refused = await fixture.PracticeA.As(fixture.DeskA).Get<WalkInQueueService>().AddWalkInAsync(patientOfB, doctor.Id, fixture.AnnaNagar);

        Assert.False(refused.Succeeded);
        Assert.Empty(Snapshot(inA));
    }

    [Fact]
    public void A_scope_without_a_practice_cannot_listen()
    {
        var live = fixture.Db.AtRoot(null).Get<LiveUpdates>();

        var refusal = Assert.Throws<InvalidOperationException>(() => live.Subscribe(_ => { }));

        Assert.Contains("practice", refusal.Message, StringComparison.Ordinal);
    }

    private static Action<PracticeChangeNotice> Collect(List<PracticeChangeNotice> into) => notice =>
    {
        lock (into)
        {
            into.Add(notice);
        }
    };

    private static List<PracticeChangeNotice> Snapshot(List<PracticeChangeNotice> from)
    {
        lock (from)
        {
            return [.. from];
        }
    }
}

public sealed class SqliteChangeNoticeTests(SqliteAppointmentFixture fixture)
    : ChangeNoticeTests(fixture), IClassFixture<SqliteAppointmentFixture>;

public sealed class PostgresChangeNoticeTests(PostgresAppointmentFixture fixture)
    : ChangeNoticeTests(fixture), IClassFixture<PostgresAppointmentFixture>;

/// <summary>What a notice may carry and how a server reads one heard from PostgreSQL.</summary>
public sealed class PracticeChannelTests
{
    [Fact]
    public void Topics_are_the_audit_rows_record_types_and_never_free_text()
    {
        Assert.Equal(LiveTopics.Appointment, LiveTopics.FromEntityType(nameof(Appointment)));
        Assert.Equal("DentalPrice", LiveTopics.FromEntityType("DentalPrice"));
        Assert.Equal(LiveTopics.Practice, LiveTopics.FromEntityType(null));
        Assert.Equal(LiveTopics.Practice, LiveTopics.FromEntityType("Ravi Kumar, 9840012345"));
    }

    [Fact]
    public void A_payload_is_read_only_on_its_own_practices_channel_and_with_plain_topics()
    {
        var practice = Guid.NewGuid();
        var sender = Guid.NewGuid();
        var payload = PracticeChannels.Payload(practice, sender, [LiveTopics.Patient, LiveTopics.Appointment]);

        var heard = PracticeChannels.Read(PracticeChannels.For(practice), payload);

        Assert.NotNull(heard);
        Assert.Equal(practice, heard.Value.Notice.PracticeId);
        Assert.Equal(sender, heard.Value.SentBy);
        Assert.Equal(new HashSet<string> { LiveTopics.Appointment, LiveTopics.Patient }, heard.Value.Notice.Topics);
        Assert.Equal("practice_" + practice.ToString("N"), PracticeChannels.For(practice));
        Assert.Null(PracticeChannels.Read(PracticeChannels.For(Guid.NewGuid()), payload));
        Assert.Null(PracticeChannels.Read(PracticeChannels.For(practice), "not json"));
        Assert.Null(PracticeChannels.Read(PracticeChannels.For(practice),
            $$"""{"Practice":"{{practice}}","Instance":"{{sender}}","Topics":["Ravi Kumar"]}"""));
    }
}
