using MedicalApp.Data.Entities;

namespace MedicalApp.Web.Features.Dental.TreatmentPlans;

/// <summary>How a plan's status reads on its pages and its PDF.</summary>
public static class TreatmentPlanLabels
{
    public static string Status(TreatmentPlanStatus status) => status.ToString();
}
