namespace MedicalApp.Web.Services.Changes;

/// <summary>How a change to a practice's records ended.</summary>
public enum ChangeOutcome
{
    /// <summary>Saved, with its audit row.</summary>
    Done,

    /// <summary>Nothing needed saving (the form held what was stored already, or the record was in that state).</summary>
    Unchanged,

    /// <summary>Input refused field by field; <see cref="IChangeResult.FieldErrors"/> says what to fix where.</summary>
    Invalid,

    /// <summary>A business rule refused it; the message says why and, where there is one, what to do instead.</summary>
    Refused,

    /// <summary>Someone else saved the record after the form was filled: nothing was saved.</summary>
    Stale,

    /// <summary>The practice's plan has no room for it.</summary>
    LimitReached,

    /// <summary>The practice's trial has ended: records can be viewed, not changed.</summary>
    ReadOnly,

    NotFound,

    /// <summary>The actor, as the database says now, may not do this (a role taken away in another tab counts).</summary>
    Forbidden,
}

/// <summary>What a page needs to show the outcome of a change, whatever the change returned with it.</summary>
public interface IChangeResult
{
    ChangeOutcome Outcome { get; }

    /// <summary>Field name (the input record's property name) → message to show next to that field.</summary>
    IReadOnlyDictionary<string, string> FieldErrors { get; }

    /// <summary>The sentence for the user: what was done, or why not.</summary>
    string? Message { get; }

    /// <summary>Further reasons behind a refusal (each limit a plan change would break, for example).</summary>
    IReadOnlyList<string> Reasons { get; }

    /// <summary>Done or unchanged: nothing for the user to fix.</summary>
    bool Succeeded { get; }
}

/// <summary>
/// The one outcome type of a practice change (see docs/decisions/0010): done, or why not, in words for the user.
/// Services return it instead of throwing for anything the user can act on; exceptions stay for faults.
/// </summary>
public sealed record ChangeResult(
    ChangeOutcome Outcome,
    IReadOnlyDictionary<string, string> FieldErrors,
    string? Message,
    IReadOnlyList<string> Reasons) : IChangeResult
{
    public const string CorrectFieldsMessage = "Please correct the highlighted fields.";

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public bool Succeeded => Outcome is ChangeOutcome.Done or ChangeOutcome.Unchanged;

    public static ChangeResult Done(string? message = null) => new(ChangeOutcome.Done, NoErrors, message, []);

    public static ChangeResult Unchanged(string? message = null) => new(ChangeOutcome.Unchanged, NoErrors, message, []);

    public static ChangeResult Invalid(IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(ChangeOutcome.Invalid, errors, CorrectFieldsMessage, []);
    }

    public static ChangeResult Invalid(string field, string message) => Invalid(new Dictionary<string, string> { [field] = message });

    /// <summary>Invalid when any rule produced a message (rules that passed give null), else null.</summary>
    public static ChangeResult? InvalidIfAny(IEnumerable<KeyValuePair<string, string?>> ruleResults)
    {
        ArgumentNullException.ThrowIfNull(ruleResults);
        var errors = ruleResults.Where(r => r.Value is not null).ToDictionary(r => r.Key, r => r.Value!);
        return errors.Count > 0 ? Invalid(errors) : null;
    }

    public static ChangeResult Refused(string message, IReadOnlyList<string>? reasons = null) =>
        new(ChangeOutcome.Refused, NoErrors, message, reasons ?? []);

    /// <summary>"Someone else changed this location after you opened it, so nothing was saved. …"</summary>
    public static ChangeResult Stale(string record) => new(ChangeOutcome.Stale, NoErrors, StaleMessage(record), []);

    public static ChangeResult LimitReached(string message) => new(ChangeOutcome.LimitReached, NoErrors, message, []);

    public static ChangeResult ReadOnly(string message) => new(ChangeOutcome.ReadOnly, NoErrors, message, []);

    public static ChangeResult NotFound(string message) => new(ChangeOutcome.NotFound, NoErrors, message, []);

    public static ChangeResult Forbidden(string message) => new(ChangeOutcome.Forbidden, NoErrors, message, []);

    public static string StaleMessage(string record) =>
        $"Someone else changed this {record} after you opened it, so nothing was saved. Close and open it again to see " +
        "their change, then make yours.";

    /// <summary>The same outcome carrying a value (the new record's id, the offer of other slots).</summary>
    public ChangeResult<T> With<T>(T? value) => new(this, value);
}

/// <summary>A <see cref="ChangeResult"/> with what the change produced, for the page to use (an id to open, a number to show).</summary>
public sealed record ChangeResult<T>(ChangeResult Result, T? Value) : IChangeResult
{
    public ChangeOutcome Outcome => Result.Outcome;

    public IReadOnlyDictionary<string, string> FieldErrors => Result.FieldErrors;

    public string? Message => Result.Message;

    public IReadOnlyList<string> Reasons => Result.Reasons;

    public bool Succeeded => Result.Succeeded;

    public static ChangeResult<T> Done(T value, string? message = null) => new(ChangeResult.Done(message), value);

    /// <summary>Every refusal converts: a service returns <c>ChangeResult.Refused(…)</c> where a value was expected.</summary>
    public static implicit operator ChangeResult<T>(ChangeResult result) => new(result, default);
}

public static class ChangeResultExtensions
{
    public static string? ErrorFor(this IChangeResult? result, string field) => result?.FieldErrors.GetValueOrDefault(field);

    /// <summary>Every message once, for a notice that sums up what to fix.</summary>
    public static IEnumerable<string> AllMessages(this IChangeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fieldMessages = result.FieldErrors.Values;
        // "Please correct the highlighted fields" says nothing a summary of the fields' own messages does not.
        var message = result.Message is null || (result.Message == ChangeResult.CorrectFieldsMessage && result.FieldErrors.Count > 0)
            ? []
            : new[] { result.Message };
        return message.Concat(result.Reasons).Concat(fieldMessages).Distinct();
    }

    /// <summary>The messages as one sentence, for a snackbar.</summary>
    public static string Summary(this IChangeResult result) => string.Join(" ", result.AllMessages());
}
