using MedicalApp.Web.Tenancy;

namespace MedicalApp.Web.Features.Landing;

/// <summary>What the landing page's "Sign in" box made of what was typed: a practice's slug, or why there is none.</summary>
public sealed record PracticeAddressReading(string? Slug, string? Error)
{
    public static PracticeAddressReading Of(string slug) => new(slug, null);

    public static PracticeAddressReading Refused(string error) => new(null, error);
}

/// <summary>
/// Reads a practice's address in any of the forms people keep it in: the slug (<c>sunrise</c>), the route form
/// (<c>/t/sunrise</c>, <c>t/sunrise/patients</c>), a host (<c>sunrise.medicalapp.in</c>), or a full address copied from
/// the browser or the welcome mail (<c>https://medicalapp.in/t/sunrise/Account/Login</c>,
/// <c>https://sunrise.medicalapp.in/</c>). Only the slug is taken from it: where the visitor then goes is built by the
/// app (<see cref="PracticeAddresses.BaseUrl"/>), so a pasted address can never lead off the site.
/// </summary>
public static class PracticeAddressInput
{
    public const string EmptyMessage = "Enter your practice's address.";

    public const string MalformedMessage = "That does not look like a practice's address. It is a short name such as \"sunrise\", or the address you sign in at.";

    public const string RootMessage = "That is MedicalApp's own address. Enter your practice's address, such as \"sunrise\" or the address you sign in at.";

    public static PracticeAddressReading Read(string? typed, TenancyOptions tenancy)
    {
        ArgumentNullException.ThrowIfNull(tenancy);
        var text = (typed ?? "").Trim();
        if (text.Length == 0)
        {
            return PracticeAddressReading.Refused(EmptyMessage);
        }

        if (text.Length > 500)
        {
            return PracticeAddressReading.Refused(MalformedMessage);
        }

        // A bare slug first: "sunrise" is also a valid relative URI.
        var lower = text.ToLowerInvariant().TrimEnd('/');
        if (PracticeSlug.IsWellFormed(lower))
        {
            return Checked(lower);
        }

        var prefix = tenancy.RoutePrefix.Trim('/').ToLowerInvariant();
        var root = tenancy.RootDomain.Trim().TrimEnd('.').ToLowerInvariant();
        string? host = null;
        string path;
        if (lower.StartsWith('/') || lower.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            path = lower;
        }
        else
        {
            // "sunrise.medicalapp.in/…" and "medicalapp.in/t/sunrise" come without a scheme: read them as https.
            var withScheme = lower.Contains("://", StringComparison.Ordinal) ? lower : "https://" + lower;
            if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return PracticeAddressReading.Refused(MalformedMessage);
            }

            host = uri.Host.TrimEnd('.');
            path = uri.AbsolutePath;
        }

        // The route form wins wherever it appears first in the path: /t/{slug}/…
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && segments[0] == prefix)
        {
            return PracticeSlug.IsWellFormed(segments[1]) ? Checked(segments[1]) : PracticeAddressReading.Refused(MalformedMessage);
        }

        if (host is not null && host.EndsWith("." + root, StringComparison.Ordinal))
        {
            var label = host[..^(root.Length + 1)];
            return !label.Contains('.', StringComparison.Ordinal) && PracticeSlug.IsWellFormed(label)
                ? Checked(label)
                : PracticeAddressReading.Refused(MalformedMessage);
        }

        return host == root ? PracticeAddressReading.Refused(RootMessage) : PracticeAddressReading.Refused(MalformedMessage);
    }

    private static PracticeAddressReading Checked(string slug) =>
        PracticeSlug.IsAllowed(slug) ? PracticeAddressReading.Of(slug) : PracticeAddressReading.Refused(MalformedMessage);
}
