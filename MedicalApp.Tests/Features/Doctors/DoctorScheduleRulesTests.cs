using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Identity;

namespace MedicalApp.Tests.Features.Doctors;

/// <summary>The pure rules the edit page and the service share: reading times, describing a week, who may edit.</summary>
public sealed class DoctorScheduleRulesTests
{
    private static readonly Guid Clinic = Guid.CreateVersion7();

    [Theory]
    [InlineData("09:00", 9, 0)]
    [InlineData("9:30", 9, 30)]
    [InlineData(" 0900 ", 9, 0)]
    [InlineData("17.45", 17, 45)]
    [InlineData("7", 7, 0)]
    [InlineData("23:59", 23, 59)]
    public void Times_are_read_as_people_type_them(string text, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), DoctorScheduleRules.ParseTime(text));

    [Theory]
    [InlineData("")]
    [InlineData("24:00")]
    [InlineData("12:60")]
    [InlineData("noon")]
    [InlineData("9 am")]
    public void Anything_else_is_not_a_time(string text) => Assert.Null(DoctorScheduleRules.ParseTime(text));

    [Fact]
    public void A_week_is_described_with_consecutive_days_joined()
    {
        var ranges = new List<AvailabilityRange>();
        foreach (var day in DoctorScheduleRules.Weekdays)
        {
            ranges.Add(new(Clinic, day, new(17, 0), new(21, 0)));
            ranges.Add(new(Clinic, day, new(9, 0), new(13, 0)));
        }

        ranges.Add(new(Clinic, DayOfWeek.Saturday, new(9, 0), new(13, 0)));
        ranges.Add(new(Clinic, DayOfWeek.Sunday, new(9, 0), new(13, 0)));

        Assert.Equal("Mon–Fri 09:00–13:00, 17:00–21:00; Sat–Sun 09:00–13:00", DoctorScheduleRules.Describe(ranges));
        Assert.Equal("Mon 10:00–11:00; Wed 10:00–11:00", DoctorScheduleRules.Describe(
            [new(Clinic, DayOfWeek.Wednesday, new(10, 0), new(11, 0)), new(Clinic, DayOfWeek.Monday, new(10, 0), new(11, 0))]));
        Assert.Equal("", DoctorScheduleRules.Describe([]));
    }

    [Fact]
    public void Seconds_are_dropped_so_touching_ranges_do_not_overlap()
    {
        var open = new Dictionary<Guid, string> { [Clinic] = "Clinic" };
        var errors = DoctorScheduleRules.Validate([Clinic],
        [
            new(Clinic, DayOfWeek.Monday, new(9, 0), new(13, 0, 30)),
            new(Clinic, DayOfWeek.Monday, new(13, 0), new(17, 0)),
        ], open);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(PracticeRoles.Owner, false, true)]
    [InlineData(PracticeRoles.Admin, false, true)]
    [InlineData(PracticeRoles.Doctor, true, true)]
    [InlineData(PracticeRoles.Doctor, false, false)]
    [InlineData(PracticeRoles.Receptionist, true, false)]
    [InlineData(PracticeRoles.Nurse, false, false)]
    public void Admins_edit_every_profile_and_a_doctor_only_their_own(PracticeRoles roles, bool ownProfile, bool mayEdit)
    {
        var editor = new PracticeActor(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "member@test", "Member", roles, null, null);
        Assert.Equal(mayEdit, editor.MayEditDoctor(ownProfile ? editor.UserId : Guid.CreateVersion7()));
    }

    [Theory]
    [InlineData("500", "₹500")]
    [InlineData("1250.5", "₹1,250.50")]
    [InlineData("100000", "₹1,00,000")]
    public void Fees_are_written_in_rupees_with_indian_grouping(string amount, string text) =>
        Assert.Equal(text, DoctorPages.Rupees(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
}
