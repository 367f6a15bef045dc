using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MedicalApp.Data;

/// <summary>Stores instants as UTC and marks them UTC when read back (SQLite returns them without a kind).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
