namespace MedicalApp.Web.Services.Email;

public enum EmailDeliveryMode
{
    /// <summary>Write each message as an .eml file into <see cref="EmailOptions.PickupFolder"/> (Development).</summary>
    Pickup,

    /// <summary>Send through the SMTP server in <see cref="EmailOptions.Smtp"/>.</summary>
    Smtp,
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The <c>Email</c> configuration section.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public EmailDeliveryMode Mode { get; set; } = EmailDeliveryMode.Pickup;

    public string FromAddress { get; set; } = "no-reply@example.com";

    public string FromName { get; set; } = "MedicalApp";

    /// <summary>Relative paths are under the app's content root.</summary>
    public string PickupFolder { get; set; } = "App_Data/mail-pickup";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>
    /// Whether a background loop sends queued mail. Tests turn it off and dispatch explicitly, so what they assert
    /// about the outbox is not raced by the loop.
    /// </summary>
    public bool DispatchInBackground { get; set; } = true;

    /// <summary>How often the outbox looks for messages to send.</summary>
    public int DispatchIntervalSeconds { get; set; } = 10;

    /// <summary>Attempts before a message is marked failed (an administrator can still re-send it).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The public address of the site, for links in messages, e.g. https://clinics.example.in.</summary>
    public string? PublicBaseUrl { get; set; }
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
