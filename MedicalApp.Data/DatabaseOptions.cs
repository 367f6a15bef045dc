namespace MedicalApp.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (embedded default for <c>dotnet run</c>) or <c>Postgres</c> (production).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations when the app starts. Development only: production migrates as a deploy step.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Seed the demonstration practices and sign-ins (Development only).</summary>
    public bool SeedDevelopmentData { get; set; }
}

/// <summary>Which PostgreSQL role a context connects as; SQLite has one connection for all three.</summary>
public enum DatabaseRole
{
    /// <summary>DML only, not the owner, subject to row-level security.</summary>
    Application,

    /// <summary>The owner of the schema: runs migrations.</summary>
    Migrations,

    /// <summary>BYPASSRLS: the platform console's explicit cross-practice path.</summary>
    Platform,
}
