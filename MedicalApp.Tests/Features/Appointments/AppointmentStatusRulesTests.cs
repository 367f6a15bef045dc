using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Appointments;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>The status machine as a table: every pair of statuses is either a permitted move or refused.</summary>
public sealed class AppointmentStatusRulesTests
{
    private static readonly HashSet<(AppointmentStatus, AppointmentStatus)> Permitted =
    [
        (AppointmentStatus.Scheduled, AppointmentStatus.Confirmed),
        (AppointmentStatus.Scheduled, AppointmentStatus.Arrived),
        (AppointmentStatus.Confirmed, AppointmentStatus.Arrived),
        (AppointmentStatus.Arrived, AppointmentStatus.InProgress),
        (AppointmentStatus.Arrived, AppointmentStatus.Cancelled),
        (AppointmentStatus.Scheduled, AppointmentStatus.InProgress),
        (AppointmentStatus.Scheduled, AppointmentStatus.Cancelled),
        (AppointmentStatus.Scheduled, AppointmentStatus.NoShow),
        (AppointmentStatus.Confirmed, AppointmentStatus.InProgress),
        (AppointmentStatus.Confirmed, AppointmentStatus.Cancelled),
        (AppointmentStatus.Confirmed, AppointmentStatus.NoShow),
        (AppointmentStatus.InProgress, AppointmentStatus.Completed),
    ];

    public static TheoryData<AppointmentStatus, AppointmentStatus> AllPairs()
    {
        var data = new TheoryData<AppointmentStatus, AppointmentStatus>();
        foreach (var from in Enum.GetValues<AppointmentStatus>())
        {
            foreach (var to in Enum.GetValues<AppointmentStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Exactly_the_documented_moves_are_permitted(AppointmentStatus from, AppointmentStatus to)
    {
        Assert.Equal(Permitted.Contains((from, to)), AppointmentStatusRules.CanMove(from, to));
        if (!AppointmentStatusRules.CanMove(from, to))
        {
            Assert.False(string.IsNullOrWhiteSpace(AppointmentStatusRules.Refusal(from, to)));
        }
    }

    [Theory]
    [InlineData(AppointmentStatus.Scheduled, true)]
    [InlineData(AppointmentStatus.Confirmed, true)]
    [InlineData(AppointmentStatus.Arrived, false)]
    [InlineData(AppointmentStatus.InProgress, false)]
    [InlineData(AppointmentStatus.Completed, false)]
    [InlineData(AppointmentStatus.Cancelled, false)]
    [InlineData(AppointmentStatus.NoShow, false)]
    public void Only_appointments_that_have_not_begun_can_be_rescheduled(AppointmentStatus status, bool allowed)
    {
        Assert.Equal(allowed, AppointmentStatusRules.CanReschedule(status));
    }

    [Fact]
    public void Final_statuses_say_so_when_asked_to_change()
    {
        Assert.Equal("This appointment is completed; its status can no longer change.",
            AppointmentStatusRules.Refusal(AppointmentStatus.Completed, AppointmentStatus.Cancelled));
        Assert.Equal("Only a consultation in progress can be completed. Start it first.",
            AppointmentStatusRules.Refusal(AppointmentStatus.Scheduled, AppointmentStatus.Completed));
    }

    [Fact]
    public void An_arrived_patient_who_leaves_is_cancelled_with_a_reason_not_a_no_show()
    {
        Assert.True(AppointmentStatusRules.CanMove(AppointmentStatus.Arrived, AppointmentStatus.Cancelled));
        Assert.Equal("The patient has arrived, so this is not a no-show. If they left without being seen, cancel the visit and say so.",
            AppointmentStatusRules.Refusal(AppointmentStatus.Arrived, AppointmentStatus.NoShow));
        Assert.Equal("The patient is already checked in.", AppointmentStatusRules.Refusal(AppointmentStatus.Arrived, AppointmentStatus.Arrived));
        Assert.False(AppointmentStatusRules.CanReschedule(AppointmentStatus.Arrived));
    }

    [Fact]
    public void Arrived_has_its_own_label_colour_and_calendar_block_and_holds_the_doctors_time()
    {
        Assert.Equal("Arrived", AppointmentStatusRules.Label(AppointmentStatus.Arrived));
        Assert.Equal(MudBlazor.Color.Tertiary, AppointmentStatusRules.Colour(AppointmentStatus.Arrived));
        Assert.Equal("appt-arrived", AppointmentStatusRules.BlockClass(AppointmentStatus.Arrived));
        Assert.Equal("checked in", AppointmentStatusRules.Done(AppointmentStatus.Arrived));
        Assert.True(AppointmentStatusRules.IsBlocking(AppointmentStatus.Arrived));
        Assert.Contains(".appt-arrived", File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot.Path, "MedicalApp.Web", "Features", "Appointments", "AppointmentCalendar.razor.css")), StringComparison.Ordinal);
    }
}
