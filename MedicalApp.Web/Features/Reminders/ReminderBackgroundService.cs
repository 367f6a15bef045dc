using MedicalApp.Web.Services.Email;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Features.Reminders;

/// <summary>The <c>Reminders</c> configuration section.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>Whether the background loop runs. Tests run rounds themselves, so what they assert is not raced.</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often due messages are looked for. Reminders are due at minutes' precision; a minute is plenty.</summary>
    public int IntervalSeconds { get; set; } = 60;
}

/// <summary>
/// Runs a reminder round every <see cref="ReminderOptions.IntervalSeconds"/>: a periodic job on the server, not a page
/// polling. Each round works in its own scope, and wakes the outbox when it queued email.
/// </summary>
public sealed partial class ReminderBackgroundService(
    IServiceScopeFactory scopeFactory, MailOutbox outbox, IOptions<ReminderOptions> options, ILogger<ReminderBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(5, options.Value.IntervalSeconds)));
        do
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var round = await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().RunAsync(stoppingToken);
                if (round.Queued > 0)
                {
                    outbox.NotifyQueued();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next round tries again.
                LogRoundFailed(logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A reminder round failed.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
