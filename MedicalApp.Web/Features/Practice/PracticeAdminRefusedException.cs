using MedicalApp.Data.Plans;
using MedicalApp.Web.Features.Plans;

namespace MedicalApp.Web.Features.Practice;

/// <summary>An action practice administration refuses for a business reason; the message is written for the user.</summary>
public sealed class PracticeAdminRefusedException(string message) : InvalidOperationException(message);

public static class PracticeAdminErrors
{
    /// <summary>
    /// The message to show for a refusal the user can act on (plan limit, read-only practice, role, business rule),
    /// or null for anything else, which is a fault and is left to the error boundary.
    /// </summary>
    public static string? UserMessage(Exception exception) => exception switch
    {
        PracticeAdminRefusedException or PlanLimitExceededException or PracticeReadOnlyException or UnauthorizedAccessException => exception.Message,
        _ => null,
    };
}
