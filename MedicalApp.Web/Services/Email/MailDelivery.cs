using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MedicalApp.Web.Services.Email;

/// <summary>Hands one message to the outside world: an SMTP server, or the pickup folder in Development.</summary>
public sealed class MailDelivery(IOptions<EmailOptions> options, IWebHostEnvironment environment)
{
    public async Task DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (settings.Mode == EmailDeliveryMode.Pickup)
        {
            var folder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, settings.PickupFolder));
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(path, cancellationToken);
            return;
        }

        using var client = new SmtpClient();
        var security = settings.Smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Smtp.UserName))
        {
            await client.AuthenticateAsync(settings.Smtp.UserName, settings.Smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    public MimeMessage Compose(string toAddress, string? toName, string subject, string textBody)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(toName ?? "", toAddress));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = textBody };
        return message;
    }
}
