using System.Net;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Reminders;

/// <summary>What became of an unsubscribe request.</summary>
public enum ReminderOptOutOutcome
{
    /// <summary>The patient is opted out now.</summary>
    OptedOut,

    /// <summary>The patient had opted out before: nothing changed, and the answer is the same as for a first time.</summary>
    AlreadyOptedOut,

    /// <summary>The token is missing, altered, cut short or of another practice: nothing changed.</summary>
    InvalidLink,

    /// <summary>The practice takes no changes just now (read-only or suspended): nothing changed.</summary>
    NotNow,
}

/// <summary>
/// The unsubscribe link in reminder emails: a signed token names the patient and the practice; opening the link asks,
/// and the button opts the patient out (a mail scanner that follows links does not unsubscribe anyone). A link that is
/// not genuine is told so, so a patient whose mail client cut the link short does not believe reminders have stopped;
/// only the server can make a genuine token, so that answer tells a stranger nothing about any patient.
/// </summary>
public sealed class ReminderOptOutService(
    IDbContextFactory<MedicalDbContext> contextFactory, CurrentTenant currentTenant, ReminderProtection protection, TimeProvider clock)
{
    /// <summary>Whether <paramref name="token"/> is a genuine link of this practice (read only; for the page that asks).</summary>
    public bool IsGenuine(string? token) =>
        currentTenant.Id is { } practiceId && protection.ReadUnsubscribeToken(token, practiceId) is not null;

    public async Task<ReminderOptOutOutcome> OptOutAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (currentTenant.Id is not { } practiceId || protection.ReadUnsubscribeToken(token, practiceId) is not { } patientId)
        {
            return ReminderOptOutOutcome.InvalidLink;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null || patient.RemindersOptedOutAtUtc is not null)
        {
            // Opted out before, or a genuine link of a record removed since (nothing is sent to it either): the same answer.
            return ReminderOptOutOutcome.AlreadyOptedOut;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        patient.RemindersOptedOutAtUtc = now;
        db.AuditEvents.Add(new AuditEvent
        {
            Action = AuditActions.PatientOptedOutOfReminders, EntityType = nameof(Patient), EntityId = patient.Id.ToString(), OccurredAtUtc = now,
            Details = "The patient opted out of appointment reminders with the link in a reminder email.",
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return ReminderOptOutOutcome.OptedOut;
        }
        catch (Exception refused) when (refused is PracticeReadOnlyException or PracticeSuspendedException)
        {
            return ReminderOptOutOutcome.NotNow;
        }
    }

    public async Task<string> PracticeNameAsync(CancellationToken cancellationToken = default)
    {
        if (currentTenant.Id is not { } practiceId)
        {
            return "the clinic";
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Practices.AsNoTracking().Where(p => p.Id == practiceId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken) ?? "the clinic";
    }
}

public static class ReminderEndpoints
{
    public const string UnsubscribePath = "/reminders/unsubscribe";

    /// <summary>
    /// <c>GET /reminders/unsubscribe?token=…</c> asks; <c>POST</c> (the page's button) opts out. Public: the token is the
    /// credential, and it only ever stops reminders, so the form needs no antiforgery token.
    /// </summary>
    public static IEndpointRouteBuilder MapReminderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(UnsubscribePath, async (string? token, ReminderOptOutService optOut, CancellationToken cancellationToken) =>
        {
            var practice = WebUtility.HtmlEncode(await optOut.PracticeNameAsync(cancellationToken));
            if (!optOut.IsGenuine(token))
            {
                return InvalidLinkPage(practice);
            }

            // The form posts to this same address ("unsubscribe" beside it), whether the practice is a path or a host.
            var form = $"""
                <p>Stop appointment confirmations and reminders from {practice} by email and SMS?</p>
                <form method="post" action="unsubscribe">
                  <input type="hidden" name="token" value="{WebUtility.HtmlEncode(token ?? "")}">
                  <button type="submit">Stop reminders</button>
                </form>
                <p lang="ta">{practice} இன் சந்திப்பு நினைவூட்டல்களை நிறுத்த மேலே உள்ள பொத்தானை அழுத்தவும்.</p>
                """;
            return Page("Stop appointment reminders", form);
        }).AllowAnonymous();

        endpoints.MapPost(UnsubscribePath, async (HttpContext context, ReminderOptOutService optOut, CancellationToken cancellationToken) =>
        {
            var form = await context.Request.ReadFormAsync(cancellationToken);
            var outcome = await optOut.OptOutAsync(form["token"].ToString(), cancellationToken);
            var practice = WebUtility.HtmlEncode(await optOut.PracticeNameAsync(cancellationToken));
            return outcome switch
            {
                ReminderOptOutOutcome.OptedOut or ReminderOptOutOutcome.AlreadyOptedOut => Page("Reminders stopped", $"""
                    <p role="status">You will not receive appointment reminders from {practice} any more. To receive them again, tell the clinic at your next visit.</p>
                    <p lang="ta">{practice} இலிருந்து இனி சந்திப்பு நினைவூட்டல்கள் வராது. மீண்டும் பெற, அடுத்த முறை மருத்துவமனையில் தெரிவிக்கவும்.</p>
                    """),
                ReminderOptOutOutcome.NotNow => Page("Reminders not stopped", $"""
                    <p role="alert">{practice} cannot record your request just now, so nothing has changed. Please try the link again later, or tell the clinic that you want no reminders.</p>
                    """, StatusCodes.Status503ServiceUnavailable),
                _ => InvalidLinkPage(practice),
            };
        }).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    /// <summary>A missing, altered or cut-short link, or one of another practice: said plainly, and nothing changed.</summary>
    private static IResult InvalidLinkPage(string practice) => Page("This link does not work", $"""
        <p role="alert">This unsubscribe link is not complete or not valid, so your reminders from {practice} have not been stopped.
        Open the link from the reminder email once more (all of it), or tell the clinic that you want no reminders.</p>
        <p lang="ta">இந்த இணைப்பு முழுமையானதாகவோ சரியானதாகவோ இல்லை; நினைவூட்டல்கள் நிறுத்தப்படவில்லை. மின்னஞ்சலில் உள்ள இணைப்பை மீண்டும் திறக்கவும், அல்லது மருத்துவமனையில் தெரிவிக்கவும்.</p>
        """, StatusCodes.Status400BadRequest);

    private static IResult Page(string title, string body, int statusCode = StatusCodes.Status200OK) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>{title}</title></head>
        <body><main><h1>{title}</h1>{body}</main></body>
        </html>
        """, "text/html; charset=utf-8", statusCode: statusCode);
}
