using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Plans;

/// <summary>
/// The last free place under a limit, wanted by many requests at once: each request checks the limit and creates a
/// doctor in its own context and transaction, and exactly one of them may win (PRODUCT.md: two admins adding the
/// 5th doctor at once must not make 6).
/// </summary>
public abstract class PlanLimitConcurrencyTests(PlansDatabaseFixture fixture)
{
    protected abstract int ParallelRequests { get; }

    [Fact]
    public async Task Parallel_requests_for_the_last_doctor_place_let_exactly_one_through()
    {
        var practiceId = await fixture.CreatePracticeAsync(PracticePlan.Trial);
        await PlanTestData.AddDoctorsAsync(practiceId, 4);
        var limits = fixture.Db.AtRoot(null).Get<PlanLimitService>();
        // Every request has its connection open before any of them starts, so they really race rather than trickle in
        // one after the other while connections are being opened.
        var ready = 0;
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, ParallelRequests).Select(_ => Task.Run<PlanLimitExceededException?>(async () =>
        {
            await using var db = fixture.Db.CreateContext(practiceId);
            await db.Database.OpenConnectionAsync();
            if (Interlocked.Increment(ref ready) == ParallelRequests)
            {
                allReady.SetResult();
            }

            await allReady.Task;
            await using var transaction = await db.Database.BeginTransactionAsync();
            try
            {
                await limits.EnsureRoomForAsync(db, LimitedResource.Doctors);
                PlanTestData.AddMember(db, PracticeRoles.Doctor, doctorProfile: true);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return null;
            }
            catch (PlanLimitExceededException refused)
            {
                return refused;
            }
        })).ToList();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o is null);
        var refusals = outcomes.OfType<PlanLimitExceededException>().ToList();
        Assert.Equal(ParallelRequests - 1, refusals.Count);
        Assert.All(refusals, r => Assert.Equal("Your Trial plan allows 5 doctors — upgrade to add more.", r.Message));
        await using var check = fixture.Db.CreateContext(practiceId);
        Assert.Equal(5, await check.DoctorProfiles.CountAsync());
        Assert.Equal(5, await check.PracticeMemberships.CountAsync());
    }
}

public sealed class PostgresPlanLimitConcurrencyTests(PostgresPlansFixture fixture)
    : PlanLimitConcurrencyTests(fixture), IClassFixture<PostgresPlansFixture>
{
    protected override int ParallelRequests => 20;
}

public sealed class SqlitePlanLimitConcurrencyTests(SqlitePlansFixture fixture)
    : PlanLimitConcurrencyTests(fixture), IClassFixture<SqlitePlansFixture>
{
    protected override int ParallelRequests => 5;
}
