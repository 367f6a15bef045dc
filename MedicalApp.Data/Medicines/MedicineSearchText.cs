namespace MedicalApp.Data.Medicines;

/// <summary>
/// What a medicine's <c>SearchText</c> holds and how typed text is compared with it: the brand and generic name,
/// lower-case, with typographic apostrophes (’ ‘ ʼ, as phone keyboards type them) as the typewriter one, so either
/// spelling finds the other. The trigram indexes and the search function match a fragment anywhere in it.
/// </summary>
public static class MedicineSearchText
{
    public static string Of(string brandName, string genericName)
    {
        ArgumentNullException.ThrowIfNull(brandName);
        ArgumentNullException.ThrowIfNull(genericName);
        return Normalize($"{brandName.Trim()} {genericName.Trim()}");
    }

    /// <summary>Lower-case with straight apostrophes: for stored search text and for what a user typed alike.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u02BC', '\'').ToLowerInvariant();
    }
}
