using MedicalApp.Web.Services.Changes;

namespace MedicalApp.Tests.TestSupport;

/// <summary>Assertions on a change's outcome that say, when they fail, what the service answered instead.</summary>
public static class ChangeAssert
{
    public static async Task<T> DoneAsync<T>(Task<ChangeResult<T>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = await change;
        Assert.True(result.Outcome == ChangeOutcome.Done, $"Expected the change to be done; it was {result.Outcome}: {result.Summary()}");
        return result.Value!;
    }

    public static async Task<ChangeResult> DoneAsync(Task<ChangeResult> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = await change;
        Assert.True(result.Outcome == ChangeOutcome.Done, $"Expected the change to be done; it was {result.Outcome}: {result.Summary()}");
        return result;
    }

    public static async Task<ChangeResult> SucceedsAsync(Task<ChangeResult> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = await change;
        Assert.True(result.Succeeded, $"Expected the change to succeed; it was {result.Outcome}: {result.Summary()}");
        return result;
    }

    public static async Task<IChangeResult> OutcomeAsync<T>(ChangeOutcome expected, Task<ChangeResult<T>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Outcome(expected, await change);
    }

    public static async Task<IChangeResult> OutcomeAsync(ChangeOutcome expected, Task<ChangeResult> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Outcome(expected, await change);
    }

    private static IChangeResult Outcome(ChangeOutcome expected, IChangeResult result)
    {
        Assert.True(result.Outcome == expected, $"Expected {expected}; the change was {result.Outcome}: {result.Summary()}");
        return result;
    }
}
