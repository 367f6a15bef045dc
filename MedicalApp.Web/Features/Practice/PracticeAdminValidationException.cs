namespace MedicalApp.Web.Features.Practice;

/// <summary>
/// Input the practice administration services refused, field by field (field name → message), so the page can show
/// each message next to its field. Field names are the property names of the input records.
/// </summary>
public sealed class PracticeAdminValidationException : Exception
{
    public PracticeAdminValidationException(IReadOnlyDictionary<string, string> fieldErrors)
        : base(string.Join(" ", fieldErrors?.Values ?? []))
    {
        ArgumentNullException.ThrowIfNull(fieldErrors);
        FieldErrors = fieldErrors;
    }

    public PracticeAdminValidationException(string field, string message)
        : this(new Dictionary<string, string> { [field] = message })
    {
    }

    public IReadOnlyDictionary<string, string> FieldErrors { get; }

    /// <summary>Throws when any rule produced a message; rules that passed give null.</summary>
    public static void ThrowIfAny(IEnumerable<KeyValuePair<string, string?>> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var errors = results.Where(r => r.Value is not null).ToDictionary(r => r.Key, r => r.Value!);
        if (errors.Count > 0)
        {
            throw new PracticeAdminValidationException(errors);
        }
    }
}
