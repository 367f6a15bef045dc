using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Web.Features.Administration;

/// <summary>What the add/edit form of a clinic location holds; the dialog binds to it and the service reads it.</summary>
public sealed class ClinicLocationInput
{
    public string? Name { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    /// <summary>Free text for the prescription's timings line; replaced by the text written from <see cref="OpeningHours"/> when there are any.</summary>
    public string? Timings { get; set; }

    /// <summary>The structured opening periods of the week; none means the location has no structured hours (yet).</summary>
    public List<OpeningPeriodInput> OpeningHours { get; set; } = [];

    /// <summary>The version of the location the form was filled from (editing), so a save over a newer change is refused.</summary>
    public int? Version { get; set; }
}

/// <summary>
/// The rules for a clinic location's fields, shared by the dialog (client-side validation) and the service (again on
/// the server). Each returns null when the value is acceptable, otherwise the message to show next to the field.
/// </summary>
public static class ClinicLocationRules
{
    public const int NameMinLength = 2;
    public const int NameMaxLength = 200;
    public const int AddressMaxLength = 500;
    public const int TimingsMaxLength = 200;

    public static string? NameError(string? name)
    {
        var value = name?.Trim() ?? "";
        return value.Length switch
        {
            0 => "Enter the location's name.",
            < NameMinLength => $"The name must be at least {NameMinLength} characters.",
            > NameMaxLength => $"The name must be at most {NameMaxLength} characters.",
            _ => null,
        };
    }

    public static string? AddressError(string? address)
    {
        var value = address?.Trim() ?? "";
        return value.Length switch
        {
            0 => "Enter the location's address.",
            > AddressMaxLength => $"The address must be at most {AddressMaxLength} characters.",
            _ => null,
        };
    }

    public static string? PhoneError(string? phone) => PracticePhoneNumber.Error(phone);

    public static string? TimingsError(string? timings) =>
        (timings?.Trim().Length ?? 0) > TimingsMaxLength ? $"The timings must be at most {TimingsMaxLength} characters." : null;

    public static string DuplicateNameMessage(string name) =>
        $"An active location is already called “{name}”. Choose a different name.";

    /// <summary>Every field's rule at once, keyed by the input's property names.</summary>
    /// <summary>The same rules the form runs, on the server: the refusal, or null when the input is valid.</summary>
    public static ChangeResult? Check(ClinicLocationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeResult.InvalidIfAny(
        [
            new(nameof(ClinicLocationInput.Name), NameError(input.Name)),
            new(nameof(ClinicLocationInput.Address), AddressError(input.Address)),
            new(nameof(ClinicLocationInput.Phone), PhoneError(input.Phone)),
            new(nameof(ClinicLocationInput.Timings), input.OpeningHours.Count > 0 ? null : TimingsError(input.Timings)),
            .. OpeningHoursRules.Validate(input.OpeningHours).Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)),
        ]);
    }
}
