namespace MedicalApp.Data.Postgres;

/// <summary>
/// The PostgreSQL statements that make a table tenant-isolated. The policy compares with a sub-select of the
/// setting so PostgreSQL evaluates it once per query (an InitPlan) and can still use the (TenantId, …) indexes;
/// NULLIF makes an unset or emptied setting mean "no practice", which matches no row instead of raising an error.
/// </summary>
public static class RowLevelSecurity
{
    public const string TenantColumn = "TenantId";

    public const string PolicyName = "tenant_isolation";

    public const string CurrentTenantExpression = "(SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid)";

    public static IReadOnlyList<string> EnableFor(string table) =>
    [
        $"ALTER TABLE {Quote(table)} ENABLE ROW LEVEL SECURITY",
        // FORCE applies the policy to the table owner too, so even the migration role cannot read across practices.
        $"ALTER TABLE {Quote(table)} FORCE ROW LEVEL SECURITY",
        $"CREATE POLICY {PolicyName} ON {Quote(table)} " +
        $"USING ({Quote(TenantColumn)} = {CurrentTenantExpression}) " +
        $"WITH CHECK ({Quote(TenantColumn)} = {CurrentTenantExpression})",
    ];

    /// <summary>
    /// <paramref name="statements"/> over every practice's rows of <paramref name="table"/>, for a data migration: the
    /// owner that runs migrations is held by row-level security like everyone (FORCE), so FORCE is lifted around them,
    /// inside the migration's transaction.
    /// </summary>
    public static IReadOnlyList<string> AcrossPractices(string table, params string[] statements) =>
    [
        $"ALTER TABLE {Quote(table)} NO FORCE ROW LEVEL SECURITY",
        .. statements,
        $"ALTER TABLE {Quote(table)} FORCE ROW LEVEL SECURITY",
    ];

    /// <summary>
    /// Makes a table append-only for every role that cannot bypass row-level security (the application role and the
    /// owner). Only the platform role (BYPASSRLS), used for a practice's complete deletion, may remove rows.
    /// </summary>
    public static IReadOnlyList<string> MakeAppendOnly(string table) =>
    [
        """
        CREATE OR REPLACE FUNCTION refuse_change_of_append_only_row() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND (SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user) THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
        END;
        $$
        """,
        $"CREATE TRIGGER {Quote(table + "_append_only")} BEFORE UPDATE OR DELETE ON {Quote(table)} " +
        "FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_row()",
        $"CREATE TRIGGER {Quote(table + "_no_truncate")} BEFORE TRUNCATE ON {Quote(table)} " +
        "FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_row()",
    ];

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
