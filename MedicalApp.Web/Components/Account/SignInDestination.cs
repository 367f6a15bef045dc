using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Identity;

namespace MedicalApp.Web.Components.Account;

/// <summary>Where a completed sign-in leads: a step still owed first, then the page asked for, then the home page.</summary>
internal static class SignInDestination
{
    public const string PlatformHome = "platform";

    /// <summary>
    /// The page after a sign-in: the change-password page for a temporary password, the authenticator set-up where
    /// one is required and missing, else the practice's page asked for (<paramref name="returnUrl"/>, when local),
    /// or its home; at the root always the platform console.
    /// </summary>
    public static string After(ApplicationUser user, PracticeRoles roles, CurrentTenant currentTenant, string? returnUrl, PathString pathBase)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(currentTenant);
        if (user.MustChangePassword)
        {
            return SignInGateMiddleware.ChangePasswordPath.TrimStart('/');
        }

        var mustEnrol = !user.TwoFactorEnabled
            && (currentTenant.Practice is { } practice ? MultiFactorRequirement.AppliesTo(practice, roles) : true); // the root admits platform admins only
        if (mustEnrol)
        {
            return SignInGateMiddleware.EnableAuthenticatorPath.TrimStart('/');
        }

        return currentTenant.IsSet ? LocalReturnUrl(returnUrl, pathBase) ?? "" : PlatformHome;
    }

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path inside this practice's address, else null. Absolute addresses
    /// (<c>https://evil</c>), protocol-relative ones (<c>//evil</c>, <c>/\evil</c>, which browsers read as <c>//evil</c>),
    /// backslashes and control characters are refused; a relative path is taken relative to the practice's address.
    /// </summary>
    public static string? LocalReturnUrl(string? returnUrl, PathString pathBase)
    {
        if (string.IsNullOrWhiteSpace(returnUrl) || returnUrl.Any(c => char.IsControl(c) || c == '\\'))
        {
            return null;
        }

        string path;
        if (returnUrl.StartsWith('/'))
        {
            if (returnUrl.StartsWith("//", StringComparison.Ordinal))
            {
                return null;
            }

            path = returnUrl;
        }
        else
        {
            // "patients/12" as the sign-in redirect writes it; a scheme ("https:", "javascript:") is never a path.
            var firstSeparator = returnUrl.IndexOfAny(['/', '?', '#']);
            if (returnUrl.AsSpan(0, firstSeparator < 0 ? returnUrl.Length : firstSeparator).Contains(':'))
            {
                return null;
            }

            path = $"{pathBase}/{returnUrl}";
        }

        if (!Uri.IsWellFormedUriString(path, UriKind.Relative))
        {
            return null;
        }

        var underPractice = !pathBase.HasValue
            || path.Equals(pathBase.Value, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(pathBase.Value + "/", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(pathBase.Value + "?", StringComparison.OrdinalIgnoreCase);
        return underPractice ? path : null;
    }
}
