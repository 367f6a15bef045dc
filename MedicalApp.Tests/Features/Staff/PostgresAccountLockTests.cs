using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Staff;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MedicalApp.Tests.Features.Staff;

/// <summary>
/// The race between a practice changing a member's account and that account joining another practice, on PostgreSQL
/// where the two really run at once (SQLite has one writer at a time): "belongs to another practice" is read on the
/// platform path, outside the change's transaction, so without the account lock a join committed between that read and
/// the change's commit would let one practice reset a password another practice relies on. With the lock the change
/// waits for the join in progress and then sees it.
/// </summary>
public sealed class PostgresAccountLockTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_change_to_a_members_account_waits_for_a_join_in_progress_and_then_refuses_the_shared_account(bool password)
    {
        var practiceA = await fixture.Db.CreatePracticeAsync("lock-a-" + Guid.NewGuid().ToString("N")[..8]);
        var practiceB = await fixture.Db.CreatePracticeAsync("lock-b-" + Guid.NewGuid().ToString("N")[..8]);
        var ownerA = await practiceA.AddMemberAsync(PracticeRoles.Owner);
        var member = await practiceA.AddMemberAsync(PracticeRoles.Receptionist, fullName: "Kavya Reddy");
        var membershipId = await practiceA.WithContextAsync(db => db.PracticeMemberships.Where(m => m.UserId == member.UserId).Select(m => m.Id).SingleAsync());

        // B's join as the invitation acceptance makes it: under the account lock, saved, not yet committed.
        await using var joining = practiceB.Context();
        await using var join = await joining.Database.BeginTransactionAsync();
        await AccountLock.TakeAsync(joining, member.UserId, CancellationToken.None);
        joining.PracticeMemberships.Add(new PracticeMembership { UserId = member.UserId, Roles = PracticeRoles.Doctor, CreatedAtUtc = DateTime.UtcNow });
        await joining.SaveChangesAsync();

        var staff = practiceA.As(ownerA).Get<StaffService>();
        async Task<ChangeResult> ChangeAsync() => password
            ? (await staff.IssueOneTimePasswordAsync(membershipId, email: false)).Result
            : await staff.ChangeDetailsAsync(membershipId, new MemberDetailsForm { FullName = "Taken Over" });
        var change = ChangeAsync();
        await WaitUntilASessionWaitsForALockAsync();
        Assert.False(change.IsCompleted);
        await join.CommitAsync();

        var result = await change.WaitAsync(Patience);
        Assert.Equal(ChangeOutcome.Refused, result.Outcome);
        Assert.Contains("also belongs to another practice", result.Message, StringComparison.Ordinal);
        await using var db = fixture.Db.CreateContext(null, DatabaseRole.Platform);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == member.UserId);
        Assert.Equal(("Kavya Reddy", false), (user.FullName, user.MustChangePassword));
    }

    /// <summary>The state the test needs: the change's session is queued behind the join's lock (not a pause of any length).</summary>
    private async Task WaitUntilASessionWaitsForALockAsync()
    {
        await using var watching = new NpgsqlConnection(fixture.Db.ConnectionStrings(DatabaseRole.Application));
        await watching.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", watching);
        using var patience = new CancellationTokenSource(Patience);
        while ((long)(await waiting.ExecuteScalarAsync(patience.Token))! == 0)
        {
            await Task.Delay(20, patience.Token);
        }
    }
}
