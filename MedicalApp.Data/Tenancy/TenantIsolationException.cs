namespace MedicalApp.Data.Tenancy;

/// <summary>Thrown when code tries to write a row that belongs to another practice. Always a programming error.</summary>
public sealed class TenantIsolationException : InvalidOperationException
{
    public TenantIsolationException()
    {
    }

    public TenantIsolationException(string message)
        : base(message)
    {
    }

    public TenantIsolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
