using MedicalApp.Web.Services.Changes;
using MudBlazor;

namespace MedicalApp.Web.Components.Shared.Changes;

/// <summary>
/// How a page tells the outcome of an action that has no form of its own (a button in a list or a menu): done in a
/// success snackbar, a plan limit in a dialog that offers the plan page, anything else refused in a warning snackbar.
/// Forms show a refusal in place instead (<see cref="ServerFieldErrors"/> and ChangeAlert) and announce only a
/// success here (<see cref="AnnounceSuccess"/>).
/// </summary>
public sealed class ChangeFeedback(ISnackbar snackbar, IDialogService dialogs)
{
    public const string NothingToSaveMessage = "Nothing to save: no field was changed.";

    /// <summary>For a form that shows its own refusals: a success in a snackbar, nothing otherwise.</summary>
    /// <returns>True when the change succeeded (done or nothing to change).</returns>
    public bool AnnounceSuccess(IChangeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Outcome == ChangeOutcome.Done)
        {
            snackbar.Add(result.Message ?? "Saved.", Severity.Success);
        }
        else if (result.Outcome == ChangeOutcome.Unchanged)
        {
            snackbar.Add(result.Message ?? NothingToSaveMessage, Severity.Info);
        }

        return result.Succeeded;
    }

    /// <returns>True when the change succeeded (done or nothing to change).</returns>
    public async Task<bool> ShowAsync(IChangeResult result, string? doneMessage = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        switch (result.Outcome)
        {
            case ChangeOutcome.Done:
                snackbar.Add(doneMessage ?? result.Message ?? "Saved.", Severity.Success);
                return true;
            case ChangeOutcome.Unchanged:
                if (result.Message is { } unchanged)
                {
                    snackbar.Add(unchanged, Severity.Info);
                }

                return true;
            case ChangeOutcome.LimitReached:
                var dialog = await dialogs.ShowAsync<LimitReachedDialog>(
                    "Plan limit", new DialogParameters<LimitReachedDialog> { { d => d.Message, result.Message ?? "" } });
                await dialog.Result;
                return false;
            default:
                snackbar.Add(result.Summary(), Severity.Warning);
                return false;
        }
    }
}
