using System.Globalization;

namespace MedicalApp.Web.Features.Doctors;

/// <summary>How the doctor pages write money.</summary>
public static class DoctorPages
{
    private static readonly CultureInfo India = CultureInfo.GetCultureInfo("en-IN");

    /// <summary>"₹500" or "₹1,250.50": paise only when there are any, Indian digit grouping.</summary>
    public static string Rupees(decimal amount) =>
        "₹" + amount.ToString(decimal.Truncate(amount) == amount ? "N0" : "N2", India);
}
