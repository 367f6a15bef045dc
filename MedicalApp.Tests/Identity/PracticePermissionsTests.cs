using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;

namespace MedicalApp.Tests.Identity;

/// <summary>
/// The permission table, checked as a table (PRODUCT.md section 1): each row names exactly the roles that may do it.
/// A change to who may do what changes this test on purpose.
/// </summary>
public sealed class PracticePermissionsTests
{
    private const string Everyone = "Owner Admin Doctor Receptionist Nurse";
    private const string Administrators = "Owner Admin";

    public static TheoryData<PracticePermission, string> Rows { get; } = new()
    {
        { PracticePermission.ViewPatients, Everyone },
        { PracticePermission.RegisterPatients, "Owner Admin Doctor Receptionist" },
        { PracticePermission.EditClinicalDetails, "Owner Admin Doctor" },
        { PracticePermission.DeactivatePatients, Administrators },
        { PracticePermission.ViewPatientAccessReport, Administrators },
        { PracticePermission.BookAppointments, Everyone },
        { PracticePermission.RunReceptionQueue, "Owner Admin Receptionist Nurse" },
        { PracticePermission.TreatOwnPatients, "Doctor" },
        { PracticePermission.TreatAnyPatient, Administrators },
        { PracticePermission.ViewDoctors, Everyone },
        { PracticePermission.EditOwnDoctorProfile, "Doctor" },
        { PracticePermission.ManageDoctors, Administrators },
        { PracticePermission.ManageStaff, Administrators },
        { PracticePermission.ManageLocations, Administrators },
        { PracticePermission.ManageSettings, Administrators },
        { PracticePermission.ChangePracticeAddress, "Owner" },
        { PracticePermission.RequireTwoFactorSignIn, "Owner" },
        { PracticePermission.ViewPlan, Administrators },
        { PracticePermission.ChangePlan, "Owner" },
        { PracticePermission.ViewAuditLog, Administrators },
        { PracticePermission.ViewPracticeOverview, Administrators },
        { PracticePermission.ViewPrescriptions, Everyone },
        { PracticePermission.WritePrescriptions, "Doctor" },
        { PracticePermission.ManageMedicines, "Owner Admin Doctor" },
        { PracticePermission.WriteShortKeys, "Owner Admin Doctor" },
        { PracticePermission.ManageAllShortKeys, Administrators },
        { PracticePermission.ManagePrintSettings, Administrators },
        { PracticePermission.ViewDentalRecords, Everyone },
        { PracticePermission.WriteDentalRecords, "Doctor" },
        { PracticePermission.UploadAttachments, "Owner Admin Doctor Nurse" },
        { PracticePermission.WriteDentalTemplates, "Owner Admin Doctor" },
        { PracticePermission.ManageDentalRecords, Administrators },
        { PracticePermission.ManageDentalSettings, Administrators },
        { PracticePermission.ManageReminders, Administrators },
        { PracticePermission.IssueMemberPasswords, "Owner" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_permission_belongs_to_exactly_the_roles_of_its_row(PracticePermission permission, string roles)
    {
        var allowed = roles.Split(' ').Select(Enum.Parse<PracticeRoles>).ToHashSet();

        foreach (var role in Enum.GetValues<PracticeRoles>().Where(r => r != PracticeRoles.None))
        {
            Assert.True(allowed.Contains(role) == PracticePermissions.Allows(role, permission), $"{role} and {permission}");
        }
    }

    [Fact]
    public void Every_permission_has_a_row_here_and_in_the_table()
    {
        var rows = Rows.Select(r => r.Data.Item1).ToList();

        Assert.Equal(Enum.GetValues<PracticePermission>().Order(), rows.Order());
        Assert.Equal(Enum.GetValues<PracticePermission>().Order(), PracticePermissions.Table.Keys.Order());
    }

    [Fact]
    public void Holding_several_roles_allows_what_any_of_them_allows_and_no_role_allows_nothing()
    {
        Assert.True(PracticePermissions.Allows(PracticeRoles.Owner | PracticeRoles.Doctor, PracticePermission.TreatOwnPatients));
        Assert.True(PracticePermissions.Allows(PracticeRoles.Owner | PracticeRoles.Doctor, PracticePermission.ChangePlan));
        Assert.All(Enum.GetValues<PracticePermission>(), p => Assert.False(PracticePermissions.Allows(PracticeRoles.None, p)));
    }
}
