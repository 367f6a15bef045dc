using MedicalApp.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Rejects passwords found in the list of common and breached passwords shipped with the app (OWASP ASVS 6.2.4),
/// and passwords that are just the user's own email or name. Length is Identity's rule (12); there are no
/// composition rules (ASVS 6.2.5).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadCommonPasswords);

    public static bool IsCommon(string password) => CommonPasswords.Value.Contains(Normalize(password));

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is too common and easy to guess. Choose a less predictable one, such as a few unrelated words.",
            }));
        }

        var normalized = Normalize(password);
        var personal = new[] { user.Email, user.UserName, user.FullName, user.Email?.Split('@')[0] }
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Normalize(s!));
        if (personal.Any(p => p == normalized))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordIsPersonal",
                Description = "The password cannot be your email address or your name.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static string Normalize(string value) => value.Trim().ToLowerInvariant();

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("MedicalApp.CommonPasswords")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(Normalize(line));
            }
        }

        return set;
    }
}
