using MedicalApp.Data.Dental;
using MedicalApp.Web.Features.Dental.Teeth;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Web.Features.Dental.Procedures;

/// <summary>What the procedure form holds; the panel binds to it and the service checks it again.</summary>
public sealed class DentalProcedureInput
{
    /// <summary>A catalogue code, or <see cref="DentalProcedureCatalogue.CustomCode"/> with <see cref="CustomName"/>.</summary>
    public string? Code { get; set; }

    public string? CustomName { get; set; }

    /// <summary>FDI numbers of the teeth worked on; none for work on the whole mouth (a cleaning, an OPG).</summary>
    public List<int> Teeth { get; set; } = [];

    /// <summary>The patient's observations this procedure treats: completing it marks exactly these treated.</summary>
    public List<Guid> ObservationIds { get; set; } = [];

    /// <summary>Empty: the practice's price for the code.</summary>
    public decimal? EstimatedCost { get; set; }

    public DateOnly? PlannedOn { get; set; }

    public string? Notes { get; set; }
}

/// <summary>A move of a procedure to another status, with what that status needs.</summary>
public sealed class DentalProcedureStatusInput
{
    public DentalProcedureStatus To { get; set; }

    /// <summary>The version the page showed, so a move over someone else's newer change is refused.</summary>
    public int? Version { get; set; }

    /// <summary>Required to cancel.</summary>
    public string? Reason { get; set; }

    /// <summary>Completing: the day it was done (today in the practice when empty).</summary>
    public DateOnly? CompletedOn { get; set; }

    /// <summary>Completing: what it finally cost (the estimate stays as it was).</summary>
    public decimal? ActualCost { get; set; }

    /// <summary>Completing in a visit: recorded as the visit it was carried out at.</summary>
    public Guid? ConsultationId { get; set; }
}

/// <summary>
/// The rules of a dental procedure. Statuses move forward only: planned → scheduled → in progress → completed, with
/// cancelled reachable from any open status. Skips forward are allowed because chairside work often happens at once
/// (planned straight to in progress or completed, scheduled straight to completed); nothing moves back, and completed
/// and cancelled are final (a procedure done again is a new procedure, so the history stays true).
/// </summary>
public static class DentalProcedureRules
{
    public const int CustomNameMaxLength = 200;
    public const int NotesMaxLength = 2000;
    public const int ReasonMaxLength = 500;
    public const int MaxTeeth = 32;
    public const decimal MaxCost = 99_99_999m;

    public static bool IsFinal(DentalProcedureStatus status) => status is DentalProcedureStatus.Completed or DentalProcedureStatus.Cancelled;

    /// <summary>Where a procedure in <paramref name="from"/> may go next.</summary>
    public static IReadOnlyList<DentalProcedureStatus> NextStatuses(DentalProcedureStatus from) => from switch
    {
        DentalProcedureStatus.Planned => [DentalProcedureStatus.Scheduled, DentalProcedureStatus.InProgress, DentalProcedureStatus.Completed, DentalProcedureStatus.Cancelled],
        DentalProcedureStatus.Scheduled => [DentalProcedureStatus.InProgress, DentalProcedureStatus.Completed, DentalProcedureStatus.Cancelled],
        DentalProcedureStatus.InProgress => [DentalProcedureStatus.Completed, DentalProcedureStatus.Cancelled],
        _ => [],
    };

    public static bool MayMove(DentalProcedureStatus from, DentalProcedureStatus to) => NextStatuses(from).Contains(to);

    public static string Label(DentalProcedureStatus status) => status switch
    {
        DentalProcedureStatus.InProgress => "In progress",
        _ => status.ToString(),
    };

    /// <summary>The button that moves a procedure to <paramref name="status"/>.</summary>
    public static string ActionLabel(DentalProcedureStatus status) => status switch
    {
        DentalProcedureStatus.Scheduled => "Schedule",
        DentalProcedureStatus.InProgress => "Start",
        DentalProcedureStatus.Completed => "Complete",
        DentalProcedureStatus.Cancelled => "Cancel",
        _ => Label(status),
    };

    public static string? CodeError(string? code, string? customName)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "Choose the procedure.";
        }

        if (DentalProcedureCatalogue.IsCustom(code))
        {
            return null;
        }

        return DentalProcedureCatalogue.Find(code) is null ? "This code is not in the catalogue; choose one, or “Other (custom)” with a name." : null;
    }

    public static string? CustomNameError(string? code, string? customName)
    {
        if (!DentalProcedureCatalogue.IsCustom(code))
        {
            return null;
        }

        var length = customName?.Trim().Length ?? 0;
        return length switch
        {
            0 => "Name the procedure.",
            > CustomNameMaxLength => $"Keep the name to {CustomNameMaxLength} characters.",
            _ => null,
        };
    }

    public static string? TeethError(IReadOnlyCollection<int> teeth)
    {
        ArgumentNullException.ThrowIfNull(teeth);
        if (teeth.Count > MaxTeeth)
        {
            return $"A procedure names at most {MaxTeeth} teeth.";
        }

        var invalid = teeth.Where(t => !FdiTeeth.IsValid(t)).Distinct().ToList();
        return invalid.Count > 0 ? $"Not a tooth number (FDI): {string.Join(", ", invalid)}." : null;
    }

    public static string? CostError(decimal? cost) => cost switch
    {
        < 0 => "A cost cannot be negative.",
        > MaxCost => "That cost is too large.",
        { } value when decimal.Round(value, 2) != value => "Use at most two decimal places (paise).",
        _ => null,
    };

    public static string? NotesError(string? notes) => (notes?.Trim().Length ?? 0) > NotesMaxLength ? $"Keep the notes to {NotesMaxLength} characters." : null;

    public static ChangeResult? Check(DentalProcedureInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeResult.InvalidIfAny(
        [
            new(nameof(DentalProcedureInput.Code), CodeError(input.Code, input.CustomName)),
            new(nameof(DentalProcedureInput.CustomName), CustomNameError(input.Code, input.CustomName)),
            new(nameof(DentalProcedureInput.Teeth), TeethError(input.Teeth)),
            new(nameof(DentalProcedureInput.EstimatedCost), CostError(input.EstimatedCost)),
            new(nameof(DentalProcedureInput.Notes), NotesError(input.Notes)),
        ]);
    }

    /// <summary>"11, 12" or "whole mouth".</summary>
    public static string DescribeTeeth(IEnumerable<int> teeth)
    {
        var list = teeth.Order().ToList();
        return list.Count == 0 ? "whole mouth" : string.Join(", ", list);
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
