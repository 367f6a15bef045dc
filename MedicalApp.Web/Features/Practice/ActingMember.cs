using System.Security.Claims;
using MedicalApp.Web.Identity;

namespace MedicalApp.Web.Features.Practice;

/// <summary>
/// Who performs an administrative action, as the page knows it from the cascaded authentication state. Services
/// read the member's roles again from the database: a circuit lives for hours and its claims may be stale.
/// </summary>
public sealed record ActingMember(Guid UserId, string? Email, string? IpAddress = null)
{
    public static ActingMember From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.UserId() is { } id
            ? new ActingMember(id, user.Identity?.Name)
            : throw new UnauthorizedAccessException("Sign in to the practice first.");
    }
}
