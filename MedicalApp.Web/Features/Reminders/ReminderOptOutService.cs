using System.Net;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Reminders;

/// <summary>
/// The unsubscribe link in reminder emails: a signed token names the patient and the practice; opening the link asks,
/// and the button opts the patient out (a mail scanner that follows links does not unsubscribe anyone). The answer is
/// the same for a good, a bad or a foreign token, so the page tells nobody whether a token names a patient.
/// </summary>
public sealed class ReminderOptOutService(
    IDbContextFactory<MedicalDbContext> contextFactory, CurrentTenant currentTenant, ReminderProtection protection, TimeProvider clock)
{
    /// <returns>True when a patient was opted out now (for tests; the page shows the same either way).</returns>
    public async Task<bool> OptOutAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (currentTenant.Id is not { } practiceId || protection.ReadUnsubscribeToken(token, practiceId) is not { } patientId)
        {
            return false;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null || patient.RemindersOptedOutAtUtc is not null)
        {
            return false;
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
            return true;
        }
        catch (Exception refused) when (refused is PracticeReadOnlyException or PracticeSuspendedException)
        {
            // A read-only or suspended practice sends no reminders anyway.
            return false;
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
            var form = $"""
                <p>Stop appointment confirmations and reminders from {practice} by email and SMS?</p>
                <form method="post" action="{UnsubscribePath.TrimStart('/')}">
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
            await optOut.OptOutAsync(form["token"].ToString(), cancellationToken);
            var practice = WebUtility.HtmlEncode(await optOut.PracticeNameAsync(cancellationToken));
            return Page("Reminders stopped", $"""
                <p role="status">You will not receive appointment reminders from {practice} any more. To receive them again, tell the clinic at your next visit.</p>
                <p lang="ta">{practice} இலிருந்து இனி சந்திப்பு நினைவூட்டல்கள் வராது. மீண்டும் பெற, அடுத்த முறை மருத்துவமனையில் தெரிவிக்கவும்.</p>
                """);
        }).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static IResult Page(string title, string body) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>{title}</title></head>
        <body><main><h1>{title}</h1>{body}</main></body>
        </html>
        """, "text/html; charset=utf-8");
}
