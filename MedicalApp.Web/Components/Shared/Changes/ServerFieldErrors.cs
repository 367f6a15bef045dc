using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Web.Components.Shared.Changes;

/// <summary>
/// What the server said about a form's fields, shown by each field's own validation beside the client rule, and
/// cleared as soon as that field is edited. One per form; see EditClinicLocationDialog for the pattern.
/// </summary>
public sealed class ServerFieldErrors
{
    private Dictionary<string, string> errors = [];

    public bool Any => errors.Count > 0;

    public string? For(string field) => errors.GetValueOrDefault(field);

    public void Clear(string field) => errors.Remove(field);

    public void Clear() => errors = [];

    /// <summary>Takes the result's field errors (replacing the previous ones); true when there were any.</summary>
    public bool Take(IChangeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        errors = new Dictionary<string, string>(result.FieldErrors);
        return errors.Count > 0;
    }

    /// <summary>A field's validation: its client rule first (the same function the service runs), then the server's word.</summary>
    public Func<T, string?> Rule<T>(string field, Func<T, string?>? clientRule = null) =>
        value => clientRule?.Invoke(value) ?? For(field);
}
