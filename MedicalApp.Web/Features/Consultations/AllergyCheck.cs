using System.Globalization;
using System.Text;

namespace MedicalApp.Web.Features.Consultations;

/// <summary>
/// Warns before a medicine the patient may react to is prescribed. Allergies are free text today ("Penicillin, sulfa
/// drugs; dust"), so they are split into terms, and a line warns when a term names its brand, its generic name (or
/// one ingredient of a combination) or its drug class ("penicillin" matches the class Penicillins, "sulfa" matches
/// Sulfonamides). A generic prescribed on two lines warns too. Deliberately generous: a needless warning costs a
/// click, a missed one can cost a life.
/// </summary>
public static class AllergyCheck
{
    // Words that say nothing about a substance; "allergy to penicillin drugs" leaves "penicillin".
    private static readonly HashSet<string> NoiseWords = new(StringComparer.Ordinal)
    {
        "allergy", "allergic", "allergies", "to", "drug", "drugs", "medicine", "medicines", "group", "and", "or", "the", "of",
        "reaction", "reactions", "severe", "mild", "rash", "class", "antibiotic", "antibiotics", "tablets", "tablet", "known", "h/o",
    };

    // Common ways allergies are written that do not share a stem with the class name, and other names of a substance
    // (Indian labels use the British names: lignocaine, paracetamol, adrenaline, salbutamol), which are matched against
    // the generic names too.
    private static readonly Dictionary<string, string[]> ClassAliases = new(StringComparer.Ordinal)
    {
        ["sulfa"] = ["sulfonamides"],
        ["sulpha"] = ["sulfonamides"],
        ["sulphonamide"] = ["sulfonamides"],
        ["nsaid"] = ["nsaids"],
        ["aspirin"] = ["nsaids", "antiplatelets", "salicylates"],
        ["quinolone"] = ["fluoroquinolones"],
        ["cephalosporin"] = ["cephalosporins"],
        ["macrolide"] = ["macrolides"],
        ["lignocaine"] = ["local anaesthetics"],
        ["lidocaine"] = ["local anaesthetics", "lignocaine"],
        ["anaesthetic"] = ["local anaesthetics"],
        ["anesthetic"] = ["local anaesthetics"],
        ["opioid"] = ["opioid analgesics"],
        ["acetaminophen"] = ["paracetamol"],
        ["epinephrine"] = ["adrenaline"],
        ["albuterol"] = ["salbutamol"],
    };

    /// <summary>The terms of a free-text allergy list, lower-case, without words that name no substance.</summary>
    public static IReadOnlyList<string> Terms(string? allergies)
    {
        if (string.IsNullOrWhiteSpace(allergies))
        {
            return [];
        }

        var terms = new List<string>();
        foreach (var part in allergies.Split([',', ';', '/', '\n', '\r', '(', ')', '+', '&'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = Normalise(part).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !NoiseWords.Contains(w)).ToList();
            if (words.Count == 0 || words is ["nil"] or ["none"] or ["nka"] or ["nkda"] or ["no", ..])
            {
                continue;
            }

            terms.Add(string.Join(' ', words));
        }

        return terms.Distinct().ToList();
    }

    /// <summary>The warning for one medicine, or null: "Allergy recorded: penicillin (Amoxicillin is a penicillin)".</summary>
    public static string? AllergyWarning(IReadOnlyList<string> terms, string brandName, string genericName, string drugClass)
    {
        var brand = Normalise(brandName);
        var generic = Normalise(genericName);
        var klass = Normalise(drugClass);
        foreach (var term in terms)
        {
            if (Names(term, brand) || Names(term, generic) || OtherNames(term).Any(name => Names(name, generic)))
            {
                return $"Allergy recorded: {term}. {brandName} ({genericName}) contains it.";
            }

            if (NamesClass(term, klass))
            {
                return $"Allergy recorded: {term}. {brandName} ({genericName}) belongs to the class {drugClass}.";
            }
        }

        return null;
    }

    /// <summary>
    /// The warning of the next line of a prescription — an allergy first, else a generic an earlier line has — and notes
    /// its generic in <paramref name="earlierGenerics"/> for the lines after it.
    /// </summary>
    public static string? NextLineWarning(IReadOnlyList<string> terms, string brandName, string genericName, string drugClass, List<string> earlierGenerics)
    {
        ArgumentNullException.ThrowIfNull(earlierGenerics);
        var warning = AllergyWarning(terms, brandName, genericName, drugClass)
            ?? DuplicateWarning(genericName, earlierGenerics.Count, [.. earlierGenerics, genericName]);
        earlierGenerics.Add(genericName);
        return warning;
    }

    /// <summary>The warning for a line whose generic another line already has, or null.</summary>
    public static string? DuplicateWarning(string genericName, int position, IReadOnlyList<string> genericNamesInOrder)
    {
        var generic = Normalise(genericName);
        var first = genericNamesInOrder.Select(Normalise).ToList().IndexOf(generic);
        return first >= 0 && first < position
            ? $"{genericName} is already on line {first + 1}: the same medicine twice."
            : null;
    }

    // A term names a substance when it is one of its words or ingredients, or shares a stem with one ("penicillins").
    private static bool Names(string term, string name)
    {
        if (term.Length < 3 || name.Length == 0)
        {
            return false;
        }

        if (name == term)
        {
            return true;
        }

        var words = name.Split([' ', '+', '-', ','], StringSplitOptions.RemoveEmptyEntries);
        var termWords = term.Split(' ');
        return termWords.Length == 1
            ? words.Any(w => SameStem(w, term))
            : name.Contains(term, StringComparison.Ordinal);
    }

    // "lidocaine" names lignocaine wherever it is an ingredient, not only in medicines of the class Local anaesthetics.
    private static IEnumerable<string> OtherNames(string term) =>
        term.Split(' ').SelectMany(word => ClassAliases.TryGetValue(word, out var names) ? names : []);

    private static bool NamesClass(string term, string klass)
    {
        if (klass.Length == 0)
        {
            return false;
        }

        if (Names(term, klass) || klass.StartsWith(term, StringComparison.Ordinal) && term.Length >= 4)
        {
            return true;
        }

        return term.Split(' ').Any(word => ClassAliases.TryGetValue(word, out var classes) && classes.Any(c => klass == c || klass.Contains(c, StringComparison.Ordinal)));
    }

    private static bool SameStem(string word, string term) =>
        word == term || Stem(word) == Stem(term);

    private static string Stem(string word) =>
        word.EndsWith("es", StringComparison.Ordinal) && word.Length > 5 ? word[..^2]
        : word.EndsWith('s') && word.Length > 4 ? word[..^1]
        : word;

    /// <summary>Lower-case letters and digits, typographic apostrophes and accents folded, one space between words.</summary>
    private static string Normalise(string text)
    {
        var folded = text.Replace('’', '\'').Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space && builder.Length > 0)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.ToString().Trim();
    }
}
