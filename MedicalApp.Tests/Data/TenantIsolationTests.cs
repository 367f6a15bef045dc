using MedicalApp.Data;
using MedicalApp.Data.Tenancy;
using MedicalApp.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Data;

/// <summary>
/// The application half of the isolation matrix, on both databases: for every tenant-owned entity, practice B's
/// context cannot see, change, delete or insert practice A's rows, and a context without a practice sees nothing.
/// </summary>
public abstract class TenantIsolationTests(IsolationFixture fixture)
{
    [Fact]
    public void Every_tenant_owned_entity_is_in_the_matrix()
    {
        using var db = fixture.Db.CreateContext(null);
        var modelTypes = db.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => typeof(ITenantOwned).IsAssignableFrom(t));
        Assert.Equal(modelTypes.Select(t => t.Name).Order(), TenantOwnedSamples.All.Select(s => s.EntityType.Name).Order());
    }

    [Theory]
    [MemberData(nameof(TenantOwnedSamples.EntityNames), MemberType = typeof(TenantOwnedSamples))]
    public async Task Another_practice_cannot_see_the_row(string entity)
    {
        var sample = TenantOwnedSamples.For(entity);
        var id = await fixture.CreateRowInPracticeAAsync(sample);

        await using var asA = fixture.Db.CreateContext(fixture.PracticeA);
        await using var asB = fixture.Db.CreateContext(fixture.PracticeB);
        await using var asNobody = fixture.Db.CreateContext(null);
        Assert.Equal(1, await TenantRows.CountVisibleAsync(asA, sample.EntityType, id));
        Assert.Equal(0, await TenantRows.CountVisibleAsync(asB, sample.EntityType, id));
        Assert.Equal(0, await TenantRows.CountVisibleAsync(asNobody, sample.EntityType, id));
    }

    [Theory]
    [MemberData(nameof(TenantOwnedSamples.EntityNames), MemberType = typeof(TenantOwnedSamples))]
    public async Task Another_practice_cannot_change_the_row(string entity)
    {
        var sample = TenantOwnedSamples.For(entity);
        var id = await fixture.CreateRowInPracticeAAsync(sample);

        await using var asB = fixture.Db.CreateContext(fixture.PracticeB);
        var row = await LoadFromPracticeAAsync(sample, id);
        asB.Attach(row);
        sample.Change(row);
        await Assert.ThrowsAsync<TenantIsolationException>(() => asB.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(TenantOwnedSamples.EntityNames), MemberType = typeof(TenantOwnedSamples))]
    public async Task Another_practice_cannot_delete_the_row(string entity)
    {
        var sample = TenantOwnedSamples.For(entity);
        var id = await fixture.CreateRowInPracticeAAsync(sample);

        await using (var asB = fixture.Db.CreateContext(fixture.PracticeB))
        {
            Assert.Equal(0, await TenantRows.ExecuteDeleteVisibleAsync(asB, sample.EntityType, id));
            asB.Remove(await LoadFromPracticeAAsync(sample, id));
            await Assert.ThrowsAsync<TenantIsolationException>(() => asB.SaveChangesAsync());
        }

        await using var asA = fixture.Db.CreateContext(fixture.PracticeA);
        Assert.Equal(1, await TenantRows.CountVisibleAsync(asA, sample.EntityType, id));
    }

    [Theory]
    [MemberData(nameof(TenantOwnedSamples.EntityNames), MemberType = typeof(TenantOwnedSamples))]
    public async Task Another_practice_cannot_insert_into_practice_A(string entity)
    {
        var sample = TenantOwnedSamples.For(entity);
        await using var asB = fixture.Db.CreateContext(fixture.PracticeB);
        asB.Add(sample.Create(asB));
        TenantGraph.ClaimFor(asB, fixture.PracticeA);
        await Assert.ThrowsAsync<TenantIsolationException>(() => asB.SaveChangesAsync());
    }

    [Theory]
    [MemberData(nameof(TenantOwnedSamples.EntityNames), MemberType = typeof(TenantOwnedSamples))]
    public async Task New_rows_are_stamped_with_the_practice_and_refused_without_one(string entity)
    {
        var sample = TenantOwnedSamples.For(entity);
        await using (var asB = fixture.Db.CreateContext(fixture.PracticeB))
        {
            var row = sample.Create(asB);
            asB.Add(row);
            Assert.Equal(fixture.PracticeB, row.TenantId); // stamped when tracked, before saving
            await asB.SaveChangesAsync();
        }

        await using var asNobody = fixture.Db.CreateContext(null);
        asNobody.Add(sample.Create(asNobody));
        await Assert.ThrowsAsync<TenantIsolationException>(() => asNobody.SaveChangesAsync());
    }

    // A row of practice A as code in practice B could come to hold it (from a cache, a form, another context).
    private async Task<ITenantOwned> LoadFromPracticeAAsync(TenantOwnedSample sample, Guid id)
    {
        await using var asA = fixture.Db.CreateContext(fixture.PracticeA);
        var row = await TenantRows.LoadAcrossPracticesAsync(asA, sample.EntityType, id);
        Assert.NotNull(row);
        asA.Entry(row).State = EntityState.Detached;
        return row;
    }

    [Fact]
    public async Task FindInTenant_never_returns_another_practices_row()
    {
        var id = await fixture.CreateRowInPracticeAAsync(TenantOwnedSamples.For("ClinicLocation"));
        await using var asB = fixture.Db.CreateContext(fixture.PracticeB);
        Assert.Null(await asB.ClinicLocations.FindInTenantAsync(id));
        await using var asA = fixture.Db.CreateContext(fixture.PracticeA);
        Assert.NotNull(await asA.ClinicLocations.FindInTenantAsync(id));
    }
}

public sealed class SqliteTenantIsolationTests(SqliteIsolationFixture fixture)
    : TenantIsolationTests(fixture), IClassFixture<SqliteIsolationFixture>;

public sealed class PostgresTenantIsolationTests(PostgresIsolationFixture fixture)
    : TenantIsolationTests(fixture), IClassFixture<PostgresIsolationFixture>;
