using System.ComponentModel.DataAnnotations;
using System.Text;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Services.Email;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace MedicalApp.Web.Features.Registration;

/// <summary>The "I forgot my practice's address" form.</summary>
public sealed class PracticeAddressReminderForm
{
    [Required(ErrorMessage = "Enter the email address you sign in with.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256, ErrorMessage = "An email address has at most 256 characters.")]
    public string Email { get; set; } = "";
}

/// <summary>
/// "I forgot my practice's address": mails the addresses of the practices an email is a member of, from the platform
/// outbox (no practice is in scope at the root). The answer on screen is the same whether or not the email has an
/// account, and an address without one gets no mail, so the form tells a stranger nothing about who uses MedicalApp;
/// its posts are rate-limited with the password-reset posts (Identity/SignInThrottling).
/// </summary>
public sealed class PracticeAddressReminderService(IServiceScopeFactory scopeFactory, MailOutbox outbox, PracticeAddresses addresses)
{
    public const string Purpose = "PracticeAddressReminder";

    public async Task<ChangeResult> SendAsync(PracticeAddressReminderForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true))
        {
            return ChangeResult.Invalid(nameof(form.Email), results[0].ErrorMessage ?? "Enter a valid email address.");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(form.Email.Trim()) is not { } user)
        {
            return ChangeResult.Done();
        }

        var practices = await AccountPractices.ListAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContextFactory>(), user.Id, cancellationToken);
        var body = new StringBuilder($"Hello {user.FullName},\n\n");
        body.Append("Someone, perhaps you, asked MedicalApp for the addresses of the practices this email address belongs to.\n\n");
        AccountPractices.AppendTo(body, practices, addresses);
        body.Append("\nBookmark the address you use. If you did not ask for this, ignore this message: nothing has changed.\n");
        var db = scope.ServiceProvider.GetRequiredService<MedicalDbContext>();
        outbox.QueuePlatform(db, new EmailMessage(user.Email!, user.FullName, "Your practice's address on MedicalApp", body.ToString(), Purpose, user.Id));
        await db.SaveChangesAsync(cancellationToken);
        outbox.NotifyQueued();
        return ChangeResult.Done();
    }
}
