using MedicalApp.Data.Entities;
using Microsoft.AspNetCore.DataProtection;

namespace MedicalApp.Web.Features.Reminders;

/// <summary>
/// The Data Protection purposes of reminders: the SMS gateway's key and queued SMS texts are encrypted at rest like the
/// outbox's bodies; the unsubscribe link's token is signed (and encrypted) with its own purpose so it is useless for anything else.
/// </summary>
public sealed class ReminderProtection(IDataProtectionProvider protection)
{
    private const string ApiKeyPurpose = "MedicalApp.Reminders.SmsApiKey";
    private const string SmsBodyPurpose = "MedicalApp.Reminders.SmsBody";
    private const string UnsubscribePurpose = "MedicalApp.Reminders.Unsubscribe";

    public string ProtectApiKey(string key) => protection.CreateProtector(ApiKeyPurpose).Protect(key);

    public string UnprotectApiKey(string protectedKey) => protection.CreateProtector(ApiKeyPurpose).Unprotect(protectedKey);

    /// <summary>The practice's gateway with its key decrypted, when SMS is switched on and an address is set; else null.</summary>
    public SmsGatewaySettings? GatewayOf(ReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings is { SmsEnabled: true, SmsUrlTemplate: { Length: > 0 } url }
            ? new SmsGatewaySettings(url, settings.SmsHttpMethod, settings.SmsBodyTemplate, settings.SmsSenderId,
                settings.ProtectedSmsApiKey is { } key ? UnprotectApiKey(key) : null)
            : null;
    }

    public string ProtectSms(string text) => protection.CreateProtector(SmsBodyPurpose).Protect(text);

    public string UnprotectSms(string protectedText) => protection.CreateProtector(SmsBodyPurpose).Unprotect(protectedText);

    /// <summary>A token naming one patient of one practice, for the unsubscribe link (URL-safe).</summary>
    public string UnsubscribeToken(Guid practiceId, Guid patientId) =>
        protection.CreateProtector(UnsubscribePurpose).Protect($"{practiceId:N}.{patientId:N}");

    /// <summary>The patient a token names when it is genuine and of <paramref name="practiceId"/>; else null (whatever was wrong with it).</summary>
    public Guid? ReadUnsubscribeToken(string? token, Guid practiceId)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = protection.CreateProtector(UnsubscribePurpose).Unprotect(token).Split('.');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var practice) && practice == practiceId
                && Guid.TryParseExact(parts[1], "N", out var patient)
                ? patient
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
