using MedicalApp.Web.Features.Appointments;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// The one order of a doctor's waiting patients (the desk, the doctor's queue and the waiting-room display all sort with
/// it): the urgent first, the earliest marked first; then by token; then by arrival; booking time and the visit's id
/// only break what is left, so no two screens and no two reads can show a tie differently.
/// </summary>
public sealed class WaitingOrderTests
{
    private static readonly DateTime Nine = new(2026, 3, 10, 3, 30, 0, DateTimeKind.Utc);

    private sealed record Waiting(string Name, WaitingPlace Place);

    private static Waiting Visit(string name, int? token, int arrivedMinute, int bookedMinute = 0, int? urgentMinute = null, Guid? id = null) =>
        new(name, new WaitingPlace(
            urgentMinute is { } urgent ? Nine.AddMinutes(urgent) : null, token, Nine.AddMinutes(arrivedMinute), Nine.AddMinutes(bookedMinute), id ?? Guid.NewGuid()));

    private static List<string> Sorted(params Waiting[] waiting) =>
        [.. WaitingOrder.Sort(waiting, w => w.Place).Select(w => w.Name)];

    [Fact]
    public void The_urgent_come_first_in_the_order_they_were_marked_then_everyone_by_token()
    {
        Assert.Equal(
            ["fainted", "chest pain", "T-01", "T-02", "T-04"],
            Sorted(
                Visit("T-04", 4, 30),
                Visit("chest pain", 3, 20, urgentMinute: 25),
                Visit("T-01", 1, 5, bookedMinute: 60), // booked late, came first: seen first
                Visit("fainted", 5, 40, urgentMinute: 22),
                Visit("T-02", 2, 10)));
    }

    [Fact]
    public void The_token_decides_before_the_arrival_time_and_the_booking_time_decides_nothing_a_token_does()
    {
        // Two desks checked two patients in within the same minute: the token says who was first at the counter.
        Assert.Equal(["T-07", "T-08"], Sorted(Visit("T-08", 8, 12, bookedMinute: 0), Visit("T-07", 7, 12, bookedMinute: 90)));
    }

    [Fact]
    public void Visits_without_a_token_come_after_by_arrival_then_booking_then_id_so_a_tie_always_sorts_the_same()
    {
        var first = new Guid("00000000-0000-0000-0000-000000000001");
        var second = new Guid("00000000-0000-0000-0000-000000000002");
        var waiting = new[]
        {
            Visit("same, second id", null, 15, bookedMinute: 30, id: second),
            Visit("token", 1, 50),
            Visit("same, first id", null, 15, bookedMinute: 30, id: first),
            Visit("booked earlier", null, 15, bookedMinute: 0),
            Visit("arrived earlier", null, 14, bookedMinute: 120),
        };

        var expected = new[] { "token", "arrived earlier", "booked earlier", "same, first id", "same, second id" };
        Assert.Equal(expected, Sorted(waiting));
        Assert.Equal(expected, Sorted([.. waiting.Reverse()]));
    }
}
