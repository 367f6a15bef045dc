using MedicalApp.Data.Medicines;
using MedicalApp.Web.Features.Consultations;

namespace MedicalApp.Tests.Features.Consultations;

/// <summary>
/// The allergy check on its own, against the real global catalogue (the embedded CSV the migration loads), so a
/// match or a miss is about medicines doctors actually pick: free-text allergies become terms, and a medicine warns
/// when a term names its brand, its generic (or one ingredient) or its drug class.
/// </summary>
public sealed class AllergyCheckTests
{
    private static readonly IReadOnlyList<CatalogueMedicine> Catalogue = GlobalMedicineCatalogue.Load(GlobalMedicineCatalogue.December2026File);

    private static CatalogueMedicine Medicine(string brandName) => Catalogue.First(m => m.BrandName == brandName);

    private static string? WarningFor(string? allergies, string brandName)
    {
        var medicine = Medicine(brandName);
        return AllergyCheck.AllergyWarning(AllergyCheck.Terms(allergies), medicine.BrandName, medicine.GenericName, medicine.DrugClass);
    }

    /// <summary>The brands of the catalogue that warn for <paramref name="allergies"/>.</summary>
    private static HashSet<string> WarnedBrands(string allergies)
    {
        var terms = AllergyCheck.Terms(allergies);
        return Catalogue.Where(m => AllergyCheck.AllergyWarning(terms, m.BrandName, m.GenericName, m.DrugClass) is not null)
            .Select(m => m.BrandName).ToHashSet(StringComparer.Ordinal);
    }

    // ---------- Terms ----------

    [Fact]
    public void A_written_allergy_list_is_split_into_lower_case_terms_without_filler_words()
    {
        Assert.Equal(["penicillin", "sulfa", "dust"], AllergyCheck.Terms("Penicillin, sulfa drugs; dust"));
        Assert.Equal(["penicillin"], AllergyCheck.Terms("Allergic to penicillin (rash)"));
        Assert.Equal(["ibuprofen", "clavulanic acid"], AllergyCheck.Terms("Ibuprofen / Clavulanic  Acid"));
        Assert.Equal(["amoxicillin"], AllergyCheck.Terms("Amoxicillin\nAMOXICILLIN"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("NKDA")]
    [InlineData("nkda")]
    [InlineData("NKA")]
    [InlineData("Nil")]
    [InlineData("nil known")]
    [InlineData("None")]
    [InlineData("None known")]
    [InlineData("No known drug allergies")]
    [InlineData("no allergies")]
    public void Saying_there_is_no_allergy_gives_no_terms(string? allergies)
    {
        Assert.Empty(AllergyCheck.Terms(allergies));
    }

    // ---------- Matching ----------

    [Theory]
    [InlineData("Penicillin", "Mox 500")]
    [InlineData("penicillins", "Novamox 250")]
    [InlineData("Allergic to penicillin (rash)", "Augmentin 625 Duo")]
    [InlineData("PENICILLIN", "Ampilox")]
    public void Penicillin_warns_for_amoxicillin_and_every_other_penicillin_by_its_class(string allergies, string brandName)
    {
        var warning = WarningFor(allergies, brandName);

        Assert.NotNull(warning);
        Assert.Contains("penicillin", warning, StringComparison.Ordinal);
        Assert.Contains("belongs to the class Penicillins", warning, StringComparison.Ordinal);
        Assert.Contains(brandName, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Penicillin_warns_for_exactly_the_penicillins_of_the_catalogue()
    {
        var penicillins = Catalogue.Where(m => m.DrugClass == "Penicillins").Select(m => m.BrandName).ToHashSet(StringComparer.Ordinal);

        Assert.True(penicillins.Count >= 5, "The catalogue should hold several penicillins for this test to mean something.");
        Assert.Equal(penicillins.Order(), WarnedBrands("Penicillin").Order());
    }

    [Theory]
    [InlineData("sulfa drugs", "Septran")]
    [InlineData("Sulfa", "Bactrim DS")]
    [InlineData("sulpha", "Septran DS")]
    [InlineData("Sulphonamide allergy", "Bactrim DS")]
    [InlineData("sulfonamides", "Septran")]
    public void Sulfa_warns_for_the_sulfonamides(string allergies, string brandName)
    {
        var warning = WarningFor(allergies, brandName);

        Assert.NotNull(warning);
        Assert.Contains("Sulfonamides", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Sulfa_warns_for_the_sulfonamides_and_nothing_unrelated()
    {
        var warned = WarnedBrands("sulfa drugs");

        Assert.Contains("Septran", warned);
        Assert.Contains("Bactrim DS", warned);
        Assert.DoesNotContain("Dolo 650", warned);
        Assert.DoesNotContain("Mox 500", warned);
        Assert.All(warned, brand => Assert.Contains(Catalogue, m => m.BrandName == brand && m.DrugClass == "Sulfonamides"));
    }

    [Theory]
    [InlineData("Combiflam", "Combiflam")]
    [InlineData("augmentin", "Augmentin 625 Duo")]
    [InlineData("Augmentin", "Augmentin Duo")]
    [InlineData("Dolo", "Dolo 650")]
    [InlineData("Septran", "Septran DS")]
    public void A_brand_named_in_the_allergies_warns_for_that_brand(string allergies, string brandName)
    {
        var warning = WarningFor(allergies, brandName);

        Assert.NotNull(warning);
        Assert.Contains("contains it", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ibuprofen", "Combiflam")]
    [InlineData("ibuprofen", "Brufen 400")]
    [InlineData("Paracetamol", "Combiflam")]
    [InlineData("Paracetamol", "Crocin Pain Relief")]
    [InlineData("Amoxicillin", "Clavam 625")]
    [InlineData("Clavulanic acid", "Augmentin 625 Duo")]
    [InlineData("trimethoprim", "Septran")]
    [InlineData("Adrenaline", "Xylocaine 2% with Adrenaline")]
    [InlineData("lignocaine", "Candid Ear Drops")]
    public void A_generic_warns_for_every_medicine_that_contains_it_combinations_included(string allergies, string brandName)
    {
        var warning = WarningFor(allergies, brandName);

        Assert.NotNull(warning);
        Assert.Contains(Medicine(brandName).GenericName, warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lidocaine", "Xylocaine 2%")]
    [InlineData("lidocaine", "Candid Ear Drops")]
    [InlineData("Acetaminophen", "Dolo 650")]
    [InlineData("acetaminophen", "Combiflam")]
    [InlineData("Epinephrine", "Lignox 2% A")]
    [InlineData("albuterol", "Asthalin 4")]
    public void A_substance_written_by_its_other_name_warns_wherever_it_is_an_ingredient(string allergies, string brandName)
    {
        // Indian labels use the British names (lignocaine, paracetamol, adrenaline, salbutamol); a record written abroad
        // may not. The ear drops contain lignocaine but are antifungals by class, so only the ingredient can warn there.
        var warning = WarningFor(allergies, brandName);

        Assert.NotNull(warning);
        Assert.Contains("contains it", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_name_of_a_substance_warns_for_exactly_the_medicines_that_contain_it()
    {
        var withParacetamol = Catalogue.Where(m => m.GenericName.Contains("Paracetamol", StringComparison.Ordinal)).Select(m => m.BrandName).ToHashSet(StringComparer.Ordinal);
        var withLignocaine = Catalogue.Where(m => m.GenericName.Contains("Lignocaine", StringComparison.Ordinal) || m.DrugClass == "Local anaesthetics")
            .Select(m => m.BrandName).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(withParacetamol.Order(), WarnedBrands("Acetaminophen").Order());
        Assert.Equal(withLignocaine.Order(), WarnedBrands("lidocaine").Order());
    }

    [Theory]
    [InlineData("NSAIDs", "Brufen 400")]
    [InlineData("NSAID", "Combiflam")]
    [InlineData("Aspirin", "Brufen 400")]
    [InlineData("Aspirin", "Ecosprin 75")]
    [InlineData("cephalosporin", "Taxim-O 200")]
    [InlineData("Macrolides", "Azithral 500")]
    [InlineData("local anaesthetic", "Septanest 1:100000")]
    public void A_class_named_in_the_allergies_warns_for_its_members(string allergies, string brandName)
    {
        Assert.NotNull(WarningFor(allergies, brandName));
    }

    [Theory]
    [InlineData("Penicillin", "Dolo 650")]
    [InlineData("Penicillin", "Taxim-O 200")]
    [InlineData("sulfa drugs", "Amaryl 1")]
    [InlineData("Ibuprofen", "Dolo 650")]
    [InlineData("Amoxicillin", "Septran")]
    [InlineData("Combiflam", "Brufen 400")]
    public void An_unrelated_medicine_does_not_warn(string allergies, string brandName)
    {
        Assert.Null(WarningFor(allergies, brandName));
    }

    [Theory]
    [InlineData("dust")]
    [InlineData("Dust, pollen")]
    [InlineData("peanuts")]
    [InlineData("Peanut allergy")]
    [InlineData("shellfish; eggs")]
    [InlineData("latex")]
    [InlineData("dust mites")]
    [InlineData("cat hair")]
    [InlineData("Nil")]
    [InlineData("NKDA")]
    public void Allergies_that_are_not_medicines_warn_for_nothing_in_the_catalogue(string allergies)
    {
        Assert.Empty(WarnedBrands(allergies));
    }

    [Fact]
    public void Accents_and_typographic_marks_do_not_hide_a_match()
    {
        Assert.NotNull(WarningFor("Ibuprofén", "Brufen 400"));
        Assert.NotNull(WarningFor("  AMOXICILLIN.  ", "Mox 500"));
        Assert.NotNull(WarningFor("SULFA-drugs", "Septran"));
    }

    // ---------- The same generic twice ----------

    [Fact]
    public void The_second_line_with_a_generic_already_written_warns_and_names_the_first_line()
    {
        string[] generics = ["Amoxicillin", "Paracetamol", "Paracetamol"];

        Assert.Null(AllergyCheck.DuplicateWarning("Amoxicillin", 0, generics));
        Assert.Null(AllergyCheck.DuplicateWarning("Paracetamol", 1, generics));
        Assert.Equal("Paracetamol is already on line 2: the same medicine twice.", AllergyCheck.DuplicateWarning("Paracetamol", 2, generics));
    }

    [Fact]
    public void Two_brands_of_one_generic_are_the_same_medicine_whatever_the_case_or_spacing()
    {
        string[] generics = [Medicine("Dolo 650").GenericName, "  PARACETAMOL "];

        Assert.NotNull(AllergyCheck.DuplicateWarning(generics[1], 1, generics));
    }

    [Fact]
    public void Different_generics_never_warn_as_duplicates()
    {
        string[] generics = ["Amoxicillin", "Amoxicillin + Clavulanic acid", "Ibuprofen + Paracetamol", "Paracetamol + Caffeine"];

        Assert.All(Enumerable.Range(0, generics.Length), i => Assert.Null(AllergyCheck.DuplicateWarning(generics[i], i, generics)));
    }
}
