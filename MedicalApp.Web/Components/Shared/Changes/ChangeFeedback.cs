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
        Announce(result, doneMessage: null, unchangedMessage: result.Message ?? NothingToSaveMessage);
        return result.Succeeded;
    }

    /// <returns>True when the change succeeded (done or nothing to change).</returns>
    public async Task<bool> ShowAsync(IChangeResult result, string? doneMessage = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Succeeded)
        {
            // Outside a form an action that found nothing to do says so only when the service had something to say.
            Announce(result, doneMessage, unchangedMessage: result.Message);
            return true;
        }

        if (result.Outcome == ChangeOutcome.LimitReached)
        {
            var dialog = await dialogs.ShowAsync<LimitReachedDialog>(
                "Plan limit", new DialogParameters<LimitReachedDialog> { { d => d.Message, result.Message ?? "" } });
            await dialog.Result;
        }
        else
        {
            snackbar.Add(result.Summary(), Severity.Warning);
        }

        return false;
    }

    private void Announce(IChangeResult result, string? doneMessage, string? unchangedMessage)
    {
        if (result.Outcome == ChangeOutcome.Done)
        {
            snackbar.Add(doneMessage ?? result.Message ?? "Saved.", Severity.Success);
        }
        else if (result.Outcome == ChangeOutcome.Unchanged && unchangedMessage is not null)
        {
            snackbar.Add(unchangedMessage, Severity.Info);
        }
    }
}
