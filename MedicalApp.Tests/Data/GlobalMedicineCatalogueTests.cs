using MedicalApp.Data.Entities;
using MedicalApp.Data.Medicines;

namespace MedicalApp.Tests.Data;

/// <summary>
/// The catalogue file that migrations load on both providers, read through the embedded resource exactly as a
/// migration reads it, and the CSV reader and rules behind it.
/// </summary>
public sealed class GlobalMedicineCatalogueTests
{
    private const string Header = "BrandName,GenericName,Strength,DosageForm,DrugClass,Category,Manufacturer,Schedule,TypicalPriceInr";

    // Lazy: a file the loader refuses fails the tests that read it with the loader's message (file and line), and
    // leaves the reader's own tests running.
    private static readonly Lazy<IReadOnlyList<CatalogueMedicine>> LoadedOnce = new(() => GlobalMedicineCatalogue.Load(GlobalMedicineCatalogue.December2026File));

    private static IReadOnlyList<CatalogueMedicine> Catalogue => LoadedOnce.Value;

    [Fact]
    public void The_first_catalogue_holds_320_to_400_medicines()
    {
        Assert.InRange(Catalogue.Count, 320, 400);
    }

    [Fact]
    public void Every_field_of_every_row_is_filled_without_stray_spaces()
    {
        foreach (var medicine in Catalogue)
        {
            string[] texts =
            [
                medicine.BrandName, medicine.GenericName, medicine.Strength, medicine.DosageForm,
                medicine.DrugClass, medicine.Category, medicine.Manufacturer,
            ];
            Assert.All(texts, text => Assert.False(string.IsNullOrWhiteSpace(text) || text != text.Trim(), $"{medicine.BrandName}: '{text}'"));
        }
    }

    [Fact]
    public void Every_schedule_is_one_of_the_four_and_each_occurs()
    {
        Assert.All(Catalogue, m => Assert.True(Enum.IsDefined(m.Schedule), m.BrandName));
        // The catalogue exercises every schedule, so a prescription printing one is not left untried.
        Assert.Equal(Enum.GetValues<MedicineSchedule>().Order(), Catalogue.Select(m => m.Schedule).Distinct().Order());
        Assert.Equal(MedicineSchedule.OTC, Single("Dolo 650").Schedule);
        Assert.Equal(MedicineSchedule.H1, Single("Taxim-O 200").Schedule);
        Assert.Equal(MedicineSchedule.H1, Single("Alprax 0.25").Schedule);
        Assert.Equal(MedicineSchedule.X, Single("Addwize 10").Schedule);
    }

    [Fact]
    public void Every_price_is_positive_below_a_lakh_and_in_whole_paise()
    {
        Assert.All(Catalogue, m =>
        {
            Assert.InRange(m.TypicalPriceInr, 0.01m, 99_999.99m);
            Assert.Equal(decimal.Round(m.TypicalPriceInr, 2), m.TypicalPriceInr);
        });
        Assert.Equal(2.06m, Single("Dolo 650").TypicalPriceInr);
    }

    [Fact]
    public void Every_drug_class_is_spelled_as_in_the_fixed_list()
    {
        var known = GlobalMedicineCatalogue.DrugClasses.ToHashSet(StringComparer.Ordinal);
        Assert.All(Catalogue, m => Assert.True(known.Contains(m.DrugClass), $"{m.BrandName}: {m.DrugClass}"));
    }

    [Fact]
    public void The_fixed_list_of_drug_classes_has_the_classes_allergies_are_recorded_against_once_each()
    {
        var classes = GlobalMedicineCatalogue.DrugClasses;
        Assert.Equal(classes.Count, classes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        string[] needed =
        [
            "Penicillins", "Cephalosporins", "Macrolides", "Fluoroquinolones", "Tetracyclines", "Sulfonamides",
            "Nitroimidazoles", "NSAIDs", "Analgesics", "Opioid analgesics", "Local anaesthetics", "Antihistamines",
            "Proton pump inhibitors", "H2 blockers", "Antacids", "Corticosteroids",
        ];
        Assert.All(needed, c => Assert.Contains(c, classes));
        // Each of them is used by the catalogue, so an allergy to it matches something.
        Assert.All(needed, c => Assert.Contains(Catalogue, m => m.DrugClass == c));
    }

    [Theory]
    [InlineData("Augmentin 625 Duo", "Penicillins")]
    [InlineData("Combiflam", "NSAIDs")]
    [InlineData("Septran DS", "Sulfonamides")]
    [InlineData("Lignox 2% A", "Local anaesthetics")]
    [InlineData("Dolo 650", "Analgesics")]
    public void A_combination_takes_the_class_that_matters_for_allergy(string brand, string drugClass)
    {
        Assert.All(Catalogue.Where(m => m.BrandName == brand), m => Assert.Equal(drugClass, m.DrugClass));
        Assert.Contains(Catalogue, m => m.BrandName == brand);
    }

    [Fact]
    public void Brand_strength_and_form_are_unique_whatever_their_case()
    {
        var duplicates = Catalogue
            .GroupBy(m => (m.BrandName.ToLowerInvariant(), m.Strength.ToLowerInvariant(), m.DosageForm.ToLowerInvariant()))
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Stable_ids_are_unique_the_same_on_every_load_and_pinned()
    {
        Assert.Equal(Catalogue.Count, Catalogue.Select(m => m.StableId).Distinct().Count());

        var reloaded = GlobalMedicineCatalogue.Load(GlobalMedicineCatalogue.December2026File);
        Assert.Equal(Catalogue.Select(m => m.StableId), reloaded.Select(m => m.StableId));

        // Pinned: a later catalogue file must give Dolo 650 this id, or its migration would add the row twice.
        Assert.Equal(new Guid("48a16003-8b79-5d96-a001-885cd9c00882"), Single("Dolo 650").StableId);
        Assert.Equal(new Guid("339b1cbb-90a9-5864-96fa-a955cfb74376"), Single("Augmentin 625 Duo").StableId);
    }

    [Fact]
    public void A_stable_id_ignores_case_and_changes_with_any_of_its_three_parts()
    {
        var id = GlobalMedicineCatalogue.StableIdOf("Dolo 650", "650 mg", "Tablet");
        Assert.Equal(id, GlobalMedicineCatalogue.StableIdOf("DOLO 650", "650 MG", "tablet"));
        Assert.NotEqual(id, GlobalMedicineCatalogue.StableIdOf("Dolo 500", "650 mg", "Tablet"));
        Assert.NotEqual(id, GlobalMedicineCatalogue.StableIdOf("Dolo 650", "500 mg", "Tablet"));
        Assert.NotEqual(id, GlobalMedicineCatalogue.StableIdOf("Dolo 650", "650 mg", "Capsule"));
        Assert.Equal(id, (Single("Dolo 650") with { Category = "Fever" }).StableId);
        Assert.NotEqual(id, (Single("Dolo 650") with { BrandName = "Dolo 500" }).StableId);
    }

    [Fact]
    public void Stable_ids_are_version_5_uuids_as_RFC_9562_defines_them()
    {
        // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
        var dnsNamespace = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), GlobalMedicineCatalogue.NameBasedUuid(dnsNamespace, "www.example.com"));
        Assert.Equal(5, Single("Dolo 650").StableId.Version);
    }

    [Theory]
    [InlineData("FEVER", "Paracetamol", "650 mg", "Tablet")]
    [InlineData("FEVER", "Cetirizine", "10 mg", "Tablet")]
    [InlineData("COLD", "Levocetirizine", "5 mg", "Tablet")]
    [InlineData("COLD", "Ambroxol + Levosalbutamol + Guaifenesin", "30 mg + 1 mg + 50 mg/5 ml", "Syrup")]
    [InlineData("COLD", "Dextromethorphan + Chlorpheniramine", "10 mg + 2 mg/5 ml", "Syrup")]
    [InlineData("COLD", "Paracetamol", "500 mg", "Tablet")]
    [InlineData("DENTAL-PAIN", "Aceclofenac + Paracetamol", "100 mg + 325 mg", "Tablet")]
    [InlineData("DENTAL-PAIN", "Ketorolac tromethamine", "10 mg", "Tablet")]
    [InlineData("POST-EXTRACTION", "Amoxicillin", "500 mg", "Capsule")]
    [InlineData("POST-EXTRACTION", "Amoxicillin + Clavulanic acid", "500 mg + 125 mg", "Tablet")]
    [InlineData("POST-EXTRACTION", "Metronidazole", "400 mg", "Tablet")]
    [InlineData("POST-EXTRACTION", "Ibuprofen + Paracetamol", "400 mg + 325 mg", "Tablet")]
    [InlineData("POST-EXTRACTION", "Chlorhexidine gluconate", "0.2% w/v", "Mouthwash")]
    [InlineData("GASTRITIS", "Pantoprazole", "40 mg", "Tablet")]
    [InlineData("GASTRITIS", "Domperidone", "10 mg", "Tablet")]
    [InlineData("GASTRITIS", "Oxetacaine + Aluminium hydroxide + Magnesium hydroxide", "10 mg + 291 mg + 98 mg/5 ml", "Gel")]
    public void The_medicines_of_the_demo_short_keys_are_in_the_catalogue(string shortKey, string generic, string strength, string form)
    {
        Assert.True(
            Catalogue.Any(m => string.Equals(m.GenericName, generic, StringComparison.OrdinalIgnoreCase) && m.Strength == strength && m.DosageForm == form),
            $"{shortKey} needs {generic} {strength} ({form}).");
    }

    [Fact]
    public void The_dental_essentials_are_in_the_catalogue()
    {
        Assert.Contains(Catalogue, m => m.GenericName == "Articaine + Adrenaline" && m.DrugClass == "Local anaesthetics");
        Assert.Contains(Catalogue, m => m.GenericName == "Benzocaine" && m.DosageForm == "Gel");
        Assert.Contains(Catalogue, m => m.GenericName == "Tranexamic acid");
        Assert.Contains(Catalogue, m => m.DosageForm == "Toothpaste" && m.DrugClass == "Desensitising agents");
        Assert.Equal(MedicineSchedule.H, Single("Septanest 1:100000").Schedule);
    }

    [Fact]
    public void An_unknown_catalogue_file_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => GlobalMedicineCatalogue.Load("global-medicines-1999-01.csv"));
        Assert.Contains("global-medicines-1999-01.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reader_keeps_quoted_commas_doubled_quotes_and_line_breaks()
    {
        var text = "a,\"b, c\",\"say \"\"hi\"\"\",,\"\"\r\n\"two\nlines\",x\r\nlast,\"\"\"\"";

        var records = CsvRecords.Read(new StringReader(text));

        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b, c", "say \"hi\"", "", ""], records[0].Fields);
        Assert.Equal(1, records[0].LineNumber);
        Assert.Equal(["two\nlines", "x"], records[1].Fields);
        Assert.Equal(2, records[1].LineNumber);
        Assert.Equal(["last", "\""], records[2].Fields);
        Assert.Equal(4, records[2].LineNumber);
    }

    [Theory]
    [InlineData("a,b\n", 1)]
    [InlineData("a,b\r\nc,d\r\n", 2)]
    [InlineData("a,b\nc,d", 2)]
    [InlineData("a,\n", 1)]
    [InlineData("", 0)]
    public void A_final_line_break_ends_the_file_rather_than_adding_a_record(string text, int expectedRecords)
    {
        var records = CsvRecords.Read(new StringReader(text));
        Assert.Equal(expectedRecords, records.Count);
        Assert.All(records, r => Assert.Equal(2, r.Fields.Count));
    }

    [Theory]
    [InlineData("a,b\nc,d\"e\n", "Line 2")]
    [InlineData("a,\"b\"c\n", "Line 1")]
    [InlineData("a,b\nc,\"never closed\n", "Line 2")]
    public void Malformed_csv_is_refused_with_its_line(string text, string line)
    {
        var error = Assert.Throws<FormatException>(() => CsvRecords.Read(new StringReader(text)));
        Assert.StartsWith(line, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_is_read_into_its_typed_fields()
    {
        var medicines = Parse("\"Zerodol-P\",\"Aceclofenac + Paracetamol\",100 mg + 325 mg,Tablet,NSAIDs,\"Pain, dental\",Ipca,H,5.90");

        var medicine = Assert.Single(medicines);
        Assert.Equal(
            new CatalogueMedicine("Zerodol-P", "Aceclofenac + Paracetamol", "100 mg + 325 mg", "Tablet", "NSAIDs", "Pain, dental", "Ipca", MedicineSchedule.H, 5.90m),
            medicine);
    }

    [Theory]
    [InlineData("Dolo 650,Paracetamol,650 mg,Tablet,Antipyretics,Pain and fever,Micro Labs,OTC,2.06", "line 2: drug class \"Antipyretics\"")]
    [InlineData("Dolo 650,Paracetamol,650 mg,Tablet,analgesics,Pain and fever,Micro Labs,OTC,2.06", "line 2: drug class \"analgesics\"")]
    [InlineData("Dolo 650,Paracetamol,650 mg,Tablet,Analgesics,Pain and fever,Micro Labs,h1,2.06", "line 2: schedule \"h1\"")]
    [InlineData("Dolo 650,Paracetamol,650 mg,Tablet,Analgesics,Pain and fever,Micro Labs,G,2.06", "line 2: schedule \"G\"")]
    [InlineData("Dolo 650,Paracetamol,650 mg,Tablet,Analgesics,Pain and fever,Micro Labs,OTC,2.065", "line 2: typical price \"2.065\"")]
    [InlineData("Dolo 650,Paracetamol,650 mg,Tablet,Analgesics,Pain and fever,Micro Labs,OTC,0", "line 2: typical price \"0\"")]
    [InlineData("Dolo 650,Paracetamol,650 mg,Tablet,Analgesics,Pain and fever,Micro Labs,OTC,\"2,06\"", "line 2: typical price \"2,06\"")]
    [InlineData("Dolo 650,Paracetamol,650 mg,Tablet,Analgesics,Pain and fever,Micro Labs,OTC", "line 2: 8 fields")]
    [InlineData("Dolo 650,Paracetamol,650 mg,Tablet,Analgesics,,Micro Labs,OTC,2.06", "line 2: Category is empty")]
    [InlineData("Dolo 650 ,Paracetamol,650 mg,Tablet,Analgesics,Pain and fever,Micro Labs,OTC,2.06", "line 2: BrandName is empty or has spaces")]
    public void A_row_breaking_a_rule_is_refused_with_its_line(string row, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Parse(row));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_product_twice_in_another_case_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => Parse(
            "Dolo 650,Paracetamol,650 mg,Tablet,Analgesics,Pain and fever,Micro Labs,OTC,2.06",
            "Pan 40,Pantoprazole,40 mg,Tablet,Proton pump inhibitors,Gastro,Alkem,H,10.30",
            "DOLO 650,Paracetamol,650 MG,tablet,Analgesics,Pain and fever,Micro Labs,OTC,2.10"));
        Assert.Contains("line 4: DOLO 650 650 MG tablet is already on line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_the_header_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => GlobalMedicineCatalogue.Parse(
            new StringReader("GenericName,BrandName,Strength,DosageForm,DrugClass,Category,Manufacturer,Schedule,TypicalPriceInr\n"), "test.csv"));
        Assert.Contains("test.csv: the first line must be the header", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => GlobalMedicineCatalogue.Parse(new StringReader(""), "empty.csv"));
    }

    private static IReadOnlyList<CatalogueMedicine> Parse(params string[] rows) =>
        GlobalMedicineCatalogue.Parse(new StringReader(Header + "\r\n" + string.Join("\r\n", rows) + "\r\n"), "test.csv");

    private static CatalogueMedicine Single(string brand) => Assert.Single(Catalogue, m => m.BrandName == brand);
}
