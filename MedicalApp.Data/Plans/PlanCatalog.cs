using MedicalApp.Data.Entities;

namespace MedicalApp.Data.Plans;

/// <summary>One plan as sold: its price and the limits the code enforces. <c>null</c> limits are unlimited.</summary>
public sealed record PlanDefinition(
    PracticePlan Plan,
    string Name,
    decimal? MonthlyPriceInr,
    int? MaxClinicLocations,
    int? MaxDoctors,
    int? MaxPatients,
    long? MaxStorageBytes,
    string Summary)
{
    public PlanLimits CreateLimits() => new()
    {
        MaxClinicLocations = MaxClinicLocations,
        MaxDoctors = MaxDoctors,
        MaxPatients = MaxPatients,
        MaxStorageBytes = MaxStorageBytes,
    };
}

/// <summary>
/// The plans of PRODUCT.md section 3, in one place: the landing page shows these and the limit checks enforce them.
/// </summary>
public static class PlanCatalog
{
    public const int TrialDays = 30;

    private const long GigaByte = 1024L * 1024 * 1024;

    public static PlanDefinition Trial { get; } =
        new(PracticePlan.Trial, "Trial", 0m, 1, 5, 1_000, 1 * GigaByte, "Free for 30 days; every new practice starts here.");

    public static PlanDefinition Basic { get; } =
        new(PracticePlan.Basic, "Basic", 2_999m, 3, 20, 10_000, 10 * GigaByte, "For a growing practice with a few locations.");

    public static PlanDefinition Premium { get; } =
        new(PracticePlan.Premium, "Premium", 9_999m, 10, 100, null, 100 * GigaByte, "Unlimited patients for multi-location practices.");

    public static PlanDefinition Enterprise { get; } =
        new(PracticePlan.Enterprise, "Enterprise", null, null, null, null, null, "Custom limits set with the platform team.");

    public static IReadOnlyList<PlanDefinition> All { get; } = [Trial, Basic, Premium, Enterprise];

    public static PlanDefinition For(PracticePlan plan) => All.Single(p => p.Plan == plan);
}
