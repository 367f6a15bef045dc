using MedicalApp.Data.Tenancy;

namespace MedicalApp.Data.Entities;

/// <summary>
/// The last number issued per practice, kind ("APT", "RX") and day. Incremented with a single atomic upsert inside
/// the creating transaction, so concurrent bookings never get the same number (never "count + 1").
/// </summary>
public class BusinessNumberCounter : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public string Kind { get; set; } = "";

    public DateOnly Day { get; set; }

    public int LastValue { get; set; }
}
