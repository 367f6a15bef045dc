using System.Data.Common;
using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MedicalApp.Data.Numbering;

/// <summary>
/// Per-practice, per-day running numbers for business documents ("APT-20260310-0001", "RX-20260310-0001"). The counter row
/// is incremented by one atomic upsert inside the caller's transaction: concurrent callers queue on the row (PostgreSQL)
/// or on the write lock (SQLite), never read the same value, and a rolled-back caller gives its number back.
/// </summary>
public static class BusinessNumbers
{
    public const string AppointmentKind = "APT";

    public const string PrescriptionKind = "RX";

    // One statement for both providers (PostgreSQL 9.5+, SQLite 3.35+): insert the day's first number or bump it.
    private const string UpsertSql =
        """
        INSERT INTO "BusinessNumberCounters" ("TenantId", "Id", "Kind", "Day", "LastValue")
        VALUES (@tenant, @id, @kind, @day, 1)
        ON CONFLICT ("TenantId", "Kind", "Day") DO UPDATE SET "LastValue" = "BusinessNumberCounters"."LastValue" + 1
        RETURNING "LastValue"
        """;

    /// <summary>
    /// The next value of <paramref name="kind"/> on <paramref name="day"/> in the context's practice: 1 for the first of
    /// the day. Must run inside the transaction that uses the number, so a failed write does not leave a gap.
    /// </summary>
    public static async Task<int> NextAsync(MedicalDbContext db, string kind, DateOnly day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        var practiceId = db.RequirePracticeId();
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Business numbers are issued inside the transaction that uses them.");

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = UpsertSql;
        command.Transaction = transaction.GetDbTransaction();
        var sqlite = db.Database.IsSqlite();
        // SQLite has no uuid or date type: EF stores a Guid as upper-case TEXT and a DateOnly as 'yyyy-MM-dd' TEXT, and
        // the unique index only matches when this statement writes exactly the same text.
        AddParameter(command, "@tenant", sqlite ? practiceId.ToString("D").ToUpperInvariant() : practiceId);
        AddParameter(command, "@id", sqlite ? Guid.CreateVersion7().ToString("D").ToUpperInvariant() : Guid.CreateVersion7());
        AddParameter(command, "@kind", kind);
        AddParameter(command, "@day", sqlite ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : day);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    /// <summary>"APT-20260310-0007": kind, day and at least four digits.</summary>
    public static string Format(string kind, DateOnly day, int value) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}-{day:yyyyMMdd}-{value:D4}");

    /// <summary>The next appointment number for <paramref name="day"/> (the practice-local day of the visit).</summary>
    public static async Task<string> NextAppointmentNumberAsync(MedicalDbContext db, DateOnly day, CancellationToken cancellationToken = default) =>
        Format(AppointmentKind, day, await NextAsync(db, AppointmentKind, day, cancellationToken));

    /// <summary>The next prescription number for <paramref name="day"/> (the practice-local day it is finalised on).</summary>
    public static async Task<string> NextPrescriptionNumberAsync(MedicalDbContext db, DateOnly day, CancellationToken cancellationToken = default) =>
        Format(PrescriptionKind, day, await NextAsync(db, PrescriptionKind, day, cancellationToken));

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
