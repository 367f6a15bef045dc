namespace MedicalApp.Web.Identity;

public static class MedicalClaimTypes
{
    /// <summary>The practice a sign-in cookie was issued for; a cookie is never valid for another practice.</summary>
    public const string Practice = "medicalapp/practice";

    /// <summary>Present while the user signs in with a temporary password that must be replaced first.</summary>
    public const string MustChangePassword = "medicalapp/must_change_password";

    /// <summary>
    /// Present when the user signs in with an authenticator app (two-factor sign-in is on). Written when the cookie is
    /// issued or refreshed; turning it on or off changes the security stamp, so other sessions follow within a minute.
    /// </summary>
    public const string Authenticator = "medicalapp/authenticator";

    public const string FullName = "medicalapp/full_name";
}
