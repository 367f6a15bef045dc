using System.Security.Claims;

namespace MedicalApp.Web.Identity;

public static class ClaimsPrincipalExtensions
{
    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid? PracticeId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal?.FindFirstValue(MedicalClaimTypes.Practice), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal principal) =>
        principal?.FindFirstValue(MedicalClaimTypes.FullName) is { Length: > 0 } name ? name : principal?.Identity?.Name ?? "";

    public static bool MustChangePassword(this ClaimsPrincipal principal) =>
        principal?.HasClaim(c => c.Type == MedicalClaimTypes.MustChangePassword) == true;

    public static bool HasAuthenticator(this ClaimsPrincipal principal) =>
        principal?.HasClaim(c => c.Type == MedicalClaimTypes.Authenticator) == true;
}
