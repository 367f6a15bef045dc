using System.Text.Json;
using System.Text.RegularExpressions;

namespace MedicalApp.Web.Services.Live;

/// <summary>
/// "Something of this practice changed": the practice and what kind of record (the topics), never which record or
/// whose. Open pages re-read what they show; nothing about a patient travels with the notice, so it may cross
/// servers through PostgreSQL (whose notifications any role of the database can hear) and sit in logs.
/// </summary>
/// <param name="PracticeId">The practice whose records changed.</param>
/// <param name="Topics">What changed, by record type (<see cref="LiveTopics"/>); empty for a <paramref name="Resync"/>.</param>
/// <param name="Resync">
/// Not a change but "you may have missed some": the link to the other servers was down for a while (see
/// <see cref="PostgresChangeListener"/>). Every page re-reads, whatever topics it follows.
/// </param>
public sealed record PracticeChangeNotice(Guid PracticeId, IReadOnlySet<string> Topics, bool Resync = false)
{
    public static PracticeChangeNotice ResyncOf(Guid practiceId) => new(practiceId, new HashSet<string>(), Resync: true);

    /// <summary>Whether a page following <paramref name="followed"/> (none: everything) should re-read.</summary>
    public bool Concerns(IReadOnlySet<string>? followed) => Resync || followed is null || followed.Count == 0 || Topics.Overlaps(followed);
}

/// <summary>
/// The topics of notices: the record type named by the change's audit rows (the change frame says what it did there,
/// so this cannot drift from what was saved), plus names for changes without one.
/// </summary>
public static partial class LiveTopics
{
    public const string Appointment = nameof(Data.Entities.Appointment);
    public const string Patient = nameof(Data.Entities.Patient);
    public const string DoctorProfile = nameof(Data.Entities.DoctorProfile);
    public const string ClinicLocation = nameof(Data.Entities.ClinicLocation);
    public const string Practice = nameof(Data.Entities.Practice);

    /// <summary>What the day's queue shows: visits, the patients' names, the doctors (hours, leave), the locations, the practice (its time zone).</summary>
    public static readonly IReadOnlySet<string> DayQueue = new HashSet<string>(StringComparer.Ordinal) { Appointment, Patient, DoctorProfile, ClinicLocation, Practice };

    /// <summary>
    /// The topic of an audit row: its entity type when that is a plain type name (all of ours are <c>nameof</c>s), else
    /// <see cref="Practice"/>. Only such names go out, which keeps free text out of a notice.
    /// </summary>
    public static string FromEntityType(string? entityType) =>
        entityType is not null && TopicName().IsMatch(entityType) ? entityType : Practice;

    internal static bool IsTopic(string value) => TopicName().IsMatch(value);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$")]
    private static partial Regex TopicName();
}

/// <summary>
/// How notices travel between servers on PostgreSQL: one channel per practice (<c>practice_</c> and the id's 32 hex
/// digits, a valid unquoted identifier) and a small JSON payload: the practice, the topics, and the sending server's
/// instance id, so a server ignores its own notices (it delivered them locally already; see <see cref="PracticeChangeHub"/>).
/// </summary>
public static class PracticeChannels
{
    private const string Prefix = "practice_";

    public static string For(Guid practiceId) => Prefix + practiceId.ToString("N");

    public static string Payload(Guid practiceId, Guid instanceId, IEnumerable<string> topics) =>
        JsonSerializer.Serialize(new WirePayload(practiceId, instanceId, topics.Order(StringComparer.Ordinal).ToArray()));

    /// <summary>
    /// Reads a payload heard on <paramref name="channel"/>; null for anything malformed, for another practice's id
    /// than the channel's, or for topics that are not plain type names (nothing else is ever sent).
    /// </summary>
    public static (PracticeChangeNotice Notice, Guid SentBy)? Read(string channel, string payload)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<WirePayload>(payload);
            if (wire is null || wire.Topics is null || For(wire.Practice) != channel || !wire.Topics.All(LiveTopics.IsTopic))
            {
                return null;
            }

            return (new PracticeChangeNotice(wire.Practice, wire.Topics.ToHashSet(StringComparer.Ordinal)), wire.Instance);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record WirePayload(Guid Practice, Guid Instance, string[] Topics);
}
