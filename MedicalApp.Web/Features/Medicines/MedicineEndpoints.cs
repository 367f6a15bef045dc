using System.Text;
using MedicalApp.Web.Identity;

namespace MedicalApp.Web.Features.Medicines;

public static class MedicineEndpoints
{
    public const string TemplatePath = "medicines/import-template.csv";

    /// <summary>
    /// <c>GET /medicines/import-template.csv</c>: the import file to start from (the header the import expects and two
    /// example rows), for members who may import. Written from <see cref="MedicineCsv"/>, so it cannot drift from what
    /// the import reads; UTF-8 with a byte order mark, so spreadsheet programs open ₹ and Indian names correctly.
    /// </summary>
    public static IEndpointConventionBuilder MapMedicineEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/" + TemplatePath, () =>
                Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(MedicineCsv.Template())).ToArray(),
                    "text/csv; charset=utf-8", "practice-medicines-template.csv"))
            .RequireAuthorization(PracticePolicies.For(PracticePermission.ManageMedicines))
            .WithName("MedicineImportTemplate");
    }
}
