using MedicalApp.Data;
using MedicalApp.Data.Numbering;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Appointments;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Appointments;

/// <summary>
/// Running numbers under concurrency: each call in its own context and transaction, all at once, and still every
/// number from 1 to N exactly once. Each test uses a kind of its own so the counters start at 1.
/// </summary>
public abstract class BusinessNumbersTests(AppointmentFixture fixture)
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    protected abstract int ParallelCalls { get; }

    private static string NewKind() => "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private async Task<int> NextInOwnTransactionAsync(Guid practiceId, string kind, DateOnly day, bool commit = true)
    {
        await using var db = fixture.Db.CreateContext(practiceId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var value = await BusinessNumbers.NextAsync(db, kind, day);
        if (commit)
        {
            await tx.CommitAsync();
        }

        return value;
    }

    [Fact]
    public async Task Parallel_calls_each_get_a_different_number_from_one_to_n()
    {
        var kind = NewKind();
        var ready = 0;
        var allReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, ParallelCalls).Select(_ => Task.Run(async () =>
        {
            // A pool as large as the crowd: every call holds its connection open before any of them starts.
            await using var db = fixture.CreateWideContext(fixture.PracticeA);
            await db.Database.OpenConnectionAsync();
            if (Interlocked.Increment(ref ready) == ParallelCalls)
            {
                allReady.SetResult();
            }

            await allReady.Task;
            await using var tx = await db.Database.BeginTransactionAsync();
            var value = await BusinessNumbers.NextAsync(db, kind, Day);
            await tx.CommitAsync();
            return value;
        })).ToList();
        var values = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(1, ParallelCalls), values.Order());
        var counter = await fixture.PracticeA.WithContextAsync(db => db.BusinessNumberCounters.AsNoTracking().SingleAsync(c => c.Kind == kind));
        Assert.Equal(ParallelCalls, counter.LastValue);
        Assert.Equal(Day, counter.Day);
    }

    [Fact]
    public async Task The_statement_continues_a_counter_written_by_ef_so_both_store_keys_alike()
    {
        // On SQLite a Guid or a date written differently from EF's text would miss the unique index and start at 1.
        var kind = NewKind();
        await fixture.PracticeA.WithContextAsync(db =>
        {
            db.BusinessNumberCounters.Add(new BusinessNumberCounter { Kind = kind, Day = Day, LastValue = 41 });
            return db.SaveChangesAsync();
        });

        Assert.Equal(42, await NextInOwnTransactionAsync(fixture.PracticeA, kind, Day));
        Assert.Equal(1, await NextInOwnTransactionAsync(fixture.PracticeA, kind, Day.AddDays(1)));
        Assert.Equal(2, await fixture.PracticeA.WithContextAsync(db => db.BusinessNumberCounters.CountAsync(c => c.Kind == kind)));
    }

    [Fact]
    public async Task Counters_are_per_practice_and_a_rolled_back_number_is_given_again()
    {
        var kind = NewKind();

        Assert.Equal(1, await NextInOwnTransactionAsync(fixture.PracticeA, kind, Day));
        Assert.Equal(1, await NextInOwnTransactionAsync(fixture.PracticeB, kind, Day));
        Assert.Equal(2, await NextInOwnTransactionAsync(fixture.PracticeA, kind, Day, commit: false));
        Assert.Equal(2, await NextInOwnTransactionAsync(fixture.PracticeA, kind, Day));
    }

    [Fact]
    public async Task A_number_outside_a_transaction_is_refused()
    {
        await using var db = fixture.Db.CreateContext(fixture.PracticeA);

        await Assert.ThrowsAsync<InvalidOperationException>(() => BusinessNumbers.NextAsync(db, NewKind(), Day));
    }

    [Fact]
    public void Appointment_numbers_read_kind_day_and_four_digits()
    {
        Assert.Equal("APT-20260310-0007", BusinessNumbers.Format(BusinessNumbers.AppointmentKind, Day, 7));
        Assert.Equal("APT-20260310-12345", BusinessNumbers.Format(BusinessNumbers.AppointmentKind, Day, 12345));
    }
}

public sealed class SqliteBusinessNumbersTests(SqliteAppointmentFixture fixture)
    : BusinessNumbersTests(fixture), IClassFixture<SqliteAppointmentFixture>
{
    protected override int ParallelCalls => 10;
}

public sealed class PostgresBusinessNumbersTests(PostgresAppointmentFixture fixture)
    : BusinessNumbersTests(fixture), IClassFixture<PostgresAppointmentFixture>
{
    protected override int ParallelCalls => 50;
}
