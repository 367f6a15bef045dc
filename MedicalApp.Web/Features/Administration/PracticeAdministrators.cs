namespace MedicalApp.Web.Features.Administration;

/// <summary>The refusals of practice administration, in the words the pages show.</summary>
internal static class PracticeAdministrators
{
    public const string AdministratorsOnly = "Only the practice owner and administrators can change this.";

    public const string OwnerOnly = "Only the practice owner can change the practice's address.";
}
