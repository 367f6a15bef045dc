using System.Text.RegularExpressions;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Web.Features.ShortKeys;

/// <summary>What the short-key editor holds; the dialog binds to it and the service reads it.</summary>
public sealed class ShortKeyInput
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    /// <summary>Offered to every doctor of the practice; otherwise only its creator uses it.</summary>
    public bool IsShared { get; set; }

    public List<ShortKeyLineInput> Lines { get; set; } = [];

    /// <summary>The version of the key the form was filled from (editing), so a save over a newer change is refused.</summary>
    public int? Version { get; set; }
}

/// <summary>One medicine of a short key with the defaults a prescription line starts from.</summary>
public sealed class ShortKeyLineInput
{
    /// <summary>The medicine as the picker offered it (its label is shown; its reference is saved).</summary>
    public MedicineChoice? Medicine { get; set; }

    public string? Dose { get; set; }

    /// <summary>Morning-noon-night, e.g. 1-0-1, or words ("once a week").</summary>
    public string? Frequency { get; set; }

    public string? Duration { get; set; }

    public MedicineTiming Timing { get; set; }

    public string? Instructions { get; set; }

    public int? Quantity { get; set; }
}

/// <summary>
/// The rules of a short key, shared by the editor (client-side) and the service (again on the server). Each returns
/// null when the value is acceptable, otherwise the message for the field. Line fields are keyed
/// <c>Lines[i].Field</c> (0-based) so each message stands beside its own line.
/// </summary>
public static partial class ShortKeyRules
{
    public const int CodeMinLength = 2;
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 100;
    public const int MaxLines = 20;
    public const int DoseMaxLength = 60;
    public const int FrequencyMaxLength = 60;
    public const int DurationMaxLength = 60;
    public const int InstructionsMaxLength = 300;
    public const int MaxQuantity = 9999;

    public const string NoLinesMessage = "Add at least one medicine.";

    /// <summary>How a code is stored and compared: upper-case, without the "/" typed before it in the editor.</summary>
    public static string NormalizeCode(string? code) => (code ?? "").Trim().TrimStart('/').Trim().ToUpperInvariant();

    public static string? CodeError(string? code)
    {
        var value = NormalizeCode(code);
        return value.Length switch
        {
            0 => "Enter the code doctors type after “/”, e.g. FEVER.",
            < CodeMinLength or > CodeMaxLength => $"The code must be {CodeMinLength}–{CodeMaxLength} letters or digits.",
            _ when !CodePattern().IsMatch(value) => "Use letters A–Z and digits, with a single hyphen between parts if needed (e.g. DENTAL-PAIN).",
            _ => null,
        };
    }

    public static string? NameError(string? name)
    {
        var length = name?.Trim().Length ?? 0;
        return length switch
        {
            0 => "Enter a name that says what the key is for, e.g. “Fever (adult)”.",
            > NameMaxLength => $"Keep the name to {NameMaxLength} characters.",
            _ => null,
        };
    }

    public static string? MedicineError(MedicineChoice? medicine) => medicine is null ? "Choose the medicine." : null;

    public static string? DoseError(string? value) => Longer(value, DoseMaxLength, "dose");

    public static string? FrequencyError(string? value) => Longer(value, FrequencyMaxLength, "frequency");

    public static string? DurationError(string? value) => Longer(value, DurationMaxLength, "duration");

    public static string? InstructionsError(string? value) => Longer(value, InstructionsMaxLength, "instructions");

    public static string? QuantityError(int? value) =>
        value is < 1 or > MaxQuantity ? $"The quantity is a number from 1 to {MaxQuantity} (or empty)." : null;

    public static string? TimingError(MedicineTiming value) => Enum.IsDefined(value) ? null : "Choose when it is taken.";

    public static string CodeTakenMessage(string code) =>
        $"Your practice already has a short key /{code} (perhaps a deactivated one). Choose another code.";

    public static string LineField(int index, string field) => $"{nameof(ShortKeyInput.Lines)}[{index}].{field}";

    /// <summary>Every rule at once: the refusal, or null when the input is valid.</summary>
    public static ChangeResult? Check(ShortKeyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<KeyValuePair<string, string?>>
        {
            new(nameof(ShortKeyInput.Code), CodeError(input.Code)),
            new(nameof(ShortKeyInput.Name), NameError(input.Name)),
            new(nameof(ShortKeyInput.Lines), input.Lines.Count switch
            {
                0 => NoLinesMessage,
                > MaxLines => $"A short key holds at most {MaxLines} medicines.",
                _ => null,
            }),
        };
        for (var i = 0; i < input.Lines.Count; i++)
        {
            var line = input.Lines[i];
            var earlier = line.Medicine is { } medicine ? input.Lines.FindIndex(0, i, l => l.Medicine?.Reference == medicine.Reference) : -1;
            errors.Add(new(LineField(i, nameof(ShortKeyLineInput.Medicine)),
                MedicineError(line.Medicine) ?? (earlier >= 0 ? $"This medicine is already on line {earlier + 1}." : null)));
            errors.Add(new(LineField(i, nameof(ShortKeyLineInput.Dose)), DoseError(line.Dose)));
            errors.Add(new(LineField(i, nameof(ShortKeyLineInput.Frequency)), FrequencyError(line.Frequency)));
            errors.Add(new(LineField(i, nameof(ShortKeyLineInput.Duration)), DurationError(line.Duration)));
            errors.Add(new(LineField(i, nameof(ShortKeyLineInput.Timing)), TimingError(line.Timing)));
            errors.Add(new(LineField(i, nameof(ShortKeyLineInput.Instructions)), InstructionsError(line.Instructions)));
            errors.Add(new(LineField(i, nameof(ShortKeyLineInput.Quantity)), QuantityError(line.Quantity)));
        }

        return ChangeResult.InvalidIfAny(errors);
    }

    /// <summary>How a timing reads on a form and a prescription.</summary>
    public static string Describe(MedicineTiming timing) => timing switch
    {
        MedicineTiming.BeforeFood => "Before food",
        MedicineTiming.AfterFood => "After food",
        MedicineTiming.WithFood => "With food",
        MedicineTiming.EmptyStomach => "On an empty stomach",
        MedicineTiming.AtBedtime => "At bedtime",
        MedicineTiming.AsNeeded => "When needed",
        _ => "Not specified",
    };

    private static string? Longer(string? value, int max, string what) =>
        (value?.Trim().Length ?? 0) > max ? $"Keep the {what} to {max} characters." : null;

    // Letters and digits in parts joined by single hyphens: FEVER, RX2, DENTAL-PAIN; not -A, A-, A--B.
    [GeneratedRegex("^[A-Z0-9]+(-[A-Z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
