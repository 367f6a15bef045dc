using System.Diagnostics;
using System.Globalization;
using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Medicines;
using MedicalApp.Data.Plans;
using MedicalApp.Data.Tenancy;
using Npgsql;

namespace MedicalApp.Benchmarks.Medicines;

/// <summary>What the medicine search benchmark generated: the big practice, another one, and counts.</summary>
public sealed record MedicineDataSet(Guid BigPractice, Guid OtherPractice, int GlobalActive, int HiddenInBig, int UsageRowsInBig, TimeSpan Elapsed);

/// <summary>
/// Generates the medicine search data set: practices, the catalogue topped up to the wanted size, each practice's own
/// medicines (the big one's by the thousand), the big practice's prescribing habits (usage counts with a Zipf-like
/// spread over a few hundred medicines) and hidden catalogue medicines, then fresh statistics. Names are built from
/// real generic names and brand-like stems ("Dolokind 650", "Pantocid-D"), so fragments match as they do in practice.
/// </summary>
public static class MedicineDataSetGenerator
{
    private static readonly (string Generic, string Class, string Category, string[] Strengths, string[] Forms)[] Generics =
    [
        ("Paracetamol", "Analgesics", "Pain and fever", ["500 mg", "650 mg", "250 mg/5 ml"], ["Tablet", "Suspension"]),
        ("Ibuprofen", "NSAIDs", "Pain and fever", ["200 mg", "400 mg"], ["Tablet"]),
        ("Aceclofenac + Paracetamol", "NSAIDs", "Pain and fever", ["100 mg + 325 mg"], ["Tablet"]),
        ("Diclofenac", "NSAIDs", "Pain and fever", ["50 mg", "1% w/w"], ["Tablet", "Gel"]),
        ("Amoxicillin", "Penicillins", "Antibiotic", ["250 mg", "500 mg"], ["Capsule"]),
        ("Amoxicillin + Clavulanic acid", "Penicillins", "Antibiotic", ["500 mg + 125 mg", "228.5 mg/5 ml"], ["Tablet", "Suspension"]),
        ("Azithromycin", "Macrolides", "Antibiotic", ["250 mg", "500 mg"], ["Tablet"]),
        ("Cefixime", "Cephalosporins", "Antibiotic", ["200 mg", "100 mg/5 ml"], ["Tablet", "Suspension"]),
        ("Ciprofloxacin", "Fluoroquinolones", "Antibiotic", ["250 mg", "500 mg"], ["Tablet"]),
        ("Metronidazole", "Nitroimidazoles", "Antibiotic", ["200 mg", "400 mg"], ["Tablet"]),
        ("Cetirizine", "Antihistamines", "Allergy", ["10 mg", "5 mg/5 ml"], ["Tablet", "Syrup"]),
        ("Levocetirizine", "Antihistamines", "Allergy", ["5 mg"], ["Tablet"]),
        ("Montelukast + Levocetirizine", "Leukotriene receptor antagonists", "Allergy", ["10 mg + 5 mg"], ["Tablet"]),
        ("Pantoprazole", "Proton pump inhibitors", "Gastro", ["20 mg", "40 mg"], ["Tablet"]),
        ("Pantoprazole + Domperidone", "Proton pump inhibitors", "Gastro", ["40 mg + 30 mg"], ["Capsule"]),
        ("Rabeprazole", "Proton pump inhibitors", "Gastro", ["20 mg"], ["Tablet"]),
        ("Omeprazole", "Proton pump inhibitors", "Gastro", ["20 mg"], ["Capsule"]),
        ("Ondansetron", "Antiemetics", "Gastro", ["4 mg", "8 mg"], ["Tablet"]),
        ("Metformin", "Biguanides", "Diabetes", ["500 mg", "1000 mg"], ["Tablet"]),
        ("Glimepiride", "Sulfonylureas", "Diabetes", ["1 mg", "2 mg"], ["Tablet"]),
        ("Sitagliptin", "DPP-4 inhibitors", "Diabetes", ["50 mg", "100 mg"], ["Tablet"]),
        ("Vildagliptin + Metformin", "DPP-4 inhibitors", "Diabetes", ["50 mg + 500 mg"], ["Tablet"]),
        ("Telmisartan", "Angiotensin receptor blockers", "Cardiac", ["40 mg", "80 mg"], ["Tablet"]),
        ("Amlodipine", "Calcium channel blockers", "Cardiac", ["5 mg", "10 mg"], ["Tablet"]),
        ("Atorvastatin", "Statins", "Cardiac", ["10 mg", "20 mg"], ["Tablet"]),
        ("Rosuvastatin", "Statins", "Cardiac", ["10 mg"], ["Tablet"]),
        ("Salbutamol", "Bronchodilators", "Respiratory", ["100 mcg/dose", "2 mg/5 ml"], ["Inhaler", "Syrup"]),
        ("Ambroxol + Guaifenesin", "Expectorants and mucolytics", "Cough and cold", ["30 mg + 50 mg/5 ml"], ["Syrup"]),
        ("Chlorhexidine gluconate", "Antiseptics", "Dental", ["0.2% w/v"], ["Mouthwash"]),
        ("Lignocaine", "Local anaesthetics", "Dental", ["2%", "2% w/w"], ["Injection", "Jelly"]),
        ("Clotrimazole", "Azole antifungals", "Dermatology", ["1% w/w"], ["Cream"]),
        ("Vitamin D3", "Vitamins", "Supplements", ["60000 IU"], ["Capsule"]),
    ];

    private static readonly string[] Stems =
    [
        "Dolo", "Calpa", "Pacim", "Zero", "Hifen", "Brufa", "Moxi", "Clava", "Azith", "Cefi", "Cipro", "Metro", "Ceti", "Levo", "Monta", "Panto",
        "Rabi", "Ome", "Onda", "Glyco", "Glimi", "Sita", "Vilda", "Telma", "Amlo", "Ator", "Rosu", "Asth", "Ambro", "Hexi", "Ligno", "Candi",
        "Vitad", "Nova", "Acu", "Bio", "Cura", "Duo", "Fort", "Medi", "Neo", "Opti", "Pro", "Rexi", "Sana", "Tri", "Uni", "Veda", "Xeno", "Zydo",
    ];

    private static readonly string[] Endings = ["kind", "cid", "zole", "mol", "fen", "cin", "vit", "lin", "rex", "dex", "", "", ""];

    private static readonly string[] Makers = ["Cipla", "Sun Pharma", "Alkem", "Mankind", "Lupin", "Intas", "Torrent", "Zydus", "Micro Labs", "Glenmark"];

    /// <summary>A few rows a rare fragment finds: only in the big practice (and one in another practice, never shown).</summary>
    public const string RareBrand = "Zyxoril";

    public static async Task<MedicineDataSet> GenerateAsync(BenchmarkDatabase database, MedicineSearchOptions options)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var medical = new MedicalDatabase(DatabaseProvider.Postgres, role => database.ConnectionString(role));
        var practices = Enumerable.Range(0, options.Practices).Select(i => new Practice
        {
            Name = i == 0 ? "Chennai City Multispeciality Clinic" : $"Neighbourhood Clinic {i:000}",
            Slug = i == 0 ? "bench-medicines-big" : $"bench-medicines-{i:000}",
            Plan = PracticePlan.Basic,
            Status = PracticeStatus.Active,
            Limits = PlanCatalog.For(PracticePlan.Basic).CreateLimits(),
            CreatedAtUtc = DateTime.UtcNow,
        }).ToList();
        await using (var db = medical.CreateContext(DatabaseRole.Migrations, new CurrentTenant()))
        {
            db.Practices.AddRange(practices);
            await db.SaveChangesAsync();
        }

        await using var owner = new NpgsqlConnection(database.ConnectionString(DatabaseRole.Migrations));
        await owner.OpenAsync();
        var shipped = await ScalarAsync(owner, "SELECT count(*) FROM \"GlobalMedicines\" WHERE \"IsActive\"");
        var toAdd = Math.Max(0, options.GlobalMedicines - (int)shipped);
        await InsertGlobalAsync(owner, Generate(random, toAdd, "Gx"));
        var globalIds = await IdsAsync(owner, "SELECT \"Id\" FROM \"GlobalMedicines\" WHERE \"IsActive\" ORDER BY \"Id\"");
        Console.WriteLine($"  catalogue: {shipped} shipped rows, {toAdd} generated ({clock.Elapsed.TotalSeconds:0.0} s)");

        var big = practices[0].Id;
        foreach (var practice in practices)
        {
            var count = practice.Id == big ? options.OwnMedicines : options.OtherMedicines;
            var rows = Generate(random, count, "");
            if (practice.Id == big || practice.Id == practices[1].Id)
            {
                rows.AddRange(Enumerable.Range(1, practice.Id == big ? 3 : 1).Select(n =>
                    new GeneratedMedicine($"{RareBrand} {n * 5}", "Ivabradine", $"{n * 5} mg", "Tablet", "Heart rate reducers", "Cardiac", "Bench Labs", "H", 12.5m)));
            }

            await SetTenantAsync(owner, practice.Id);
            await InsertOwnAsync(owner, practice.Id, rows);
        }

        // The big practice's habits: a few hundred medicines prescribed, a handful very often; and some catalogue ones hidden.
        await SetTenantAsync(owner, big);
        var ownIds = await IdsAsync(owner, $"SELECT \"Id\" FROM \"PracticeMedicines\" WHERE \"TenantId\" = '{big}' ORDER BY \"Id\"");
        var used = ownIds.OrderBy(_ => random.Next()).Take(300).Select(id => (Global: (Guid?)null, Own: (Guid?)id))
            .Concat(globalIds.OrderBy(_ => random.Next()).Take(120).Select(id => (Global: (Guid?)id, Own: (Guid?)null)))
            .OrderBy(_ => random.Next())
            .ToList();
        var hidden = globalIds.Except(used.Select(u => u.Global).OfType<Guid>()).OrderBy(_ => random.Next()).Take(25).ToList();
        await using (var command = new NpgsqlCommand("""
            INSERT INTO "MedicineUsage" ("TenantId", "Id", "GlobalMedicineId", "PracticeMedicineId", "TimesPrescribed", "LastPrescribedAtUtc")
            SELECT @tenant, gen_random_uuid(), g, p, t, now() FROM unnest(@globals, @owns, @times) AS u(g, p, t)
            """, owner))
        {
            command.Parameters.AddWithValue("tenant", big);
            command.Parameters.AddWithValue("globals", used.Select(u => u.Global).ToArray());
            command.Parameters.AddWithValue("owns", used.Select(u => u.Own).ToArray());
            command.Parameters.AddWithValue("times", used.Select((_, rank) => Math.Max(1, (int)(400 / Math.Pow(rank + 1, 0.9)))).ToArray());
            await command.ExecuteNonQueryAsync();
        }

        await using (var command = new NpgsqlCommand("""
            INSERT INTO "HiddenGlobalMedicines" ("TenantId", "Id", "GlobalMedicineId", "HiddenAtUtc") SELECT @tenant, gen_random_uuid(), g, now() FROM unnest(@ids) g
            """, owner))
        {
            command.Parameters.AddWithValue("tenant", big);
            command.Parameters.AddWithValue("ids", hidden.ToArray());
            await command.ExecuteNonQueryAsync();
        }

        foreach (var table in new[] { "GlobalMedicines", "PracticeMedicines", "HiddenGlobalMedicines", "MedicineUsage", "Tenants" })
        {
            await using var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) \"{table}\"", owner);
            await vacuum.ExecuteNonQueryAsync();
        }

        return new MedicineDataSet(big, practices[1].Id, globalIds.Count, hidden.Count, used.Count, clock.Elapsed);
    }

    internal sealed record GeneratedMedicine(
        string Brand, string Generic, string Strength, string Form, string DrugClass, string Category, string Manufacturer, string Schedule, decimal Price);

    /// <summary>Distinct products (brand, strength, form), brand names from stems, endings and strengths as on Indian packs.</summary>
    internal static List<GeneratedMedicine> Generate(Random random, int count, string prefix)
    {
        var made = new Dictionary<(string, string, string), GeneratedMedicine>();
        while (made.Count < count)
        {
            var (generic, drugClass, category, strengths, forms) = Generics[random.Next(Generics.Length)];
            var strength = strengths[random.Next(strengths.Length)];
            var form = forms[random.Next(forms.Length)];
            var number = random.Next(4) == 0 ? "" : " " + new string(strength.TakeWhile(char.IsAsciiDigit).ToArray());
            var suffix = random.Next(5) == 0 ? "-" + "DSPLMX"[random.Next(6)] : "";
            var brand = $"{prefix}{Stems[random.Next(Stems.Length)]}{Endings[random.Next(Endings.Length)]}{suffix}{number}".Trim();
            var schedule = drugClass is "Analgesics" or "Antihistamines" or "Vitamins" or "Antiseptics" ? "OTC" : random.Next(10) == 0 ? "H1" : "H";
            made.TryAdd((brand.ToLowerInvariant(), strength, form),
                new GeneratedMedicine(brand, generic, strength, form, drugClass, category, Makers[random.Next(Makers.Length)], schedule,
                    Math.Round((decimal)(random.NextDouble() * 40 + 0.5), 2)));
        }

        return [.. made.Values];
    }

    private static async Task InsertGlobalAsync(NpgsqlConnection connection, IReadOnlyList<GeneratedMedicine> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO "GlobalMedicines" ("Id", "BrandName", "GenericName", "Strength", "DosageForm", "DrugClass", "Category", "Manufacturer",
                                           "Schedule", "TypicalPriceInr", "IsActive", "SearchText", "UpdatedAtUtc", "Version")
            SELECT gen_random_uuid(), b, g, s, f, c, k, m, sc, p, true, st, now(), 0
            FROM unnest(@b, @g, @s, @f, @c, @k, @m, @sc, @p, @st) AS r(b, g, s, f, c, k, m, sc, p, st)
            """, connection);
        Bind(command, rows);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task InsertOwnAsync(NpgsqlConnection connection, Guid practiceId, IReadOnlyList<GeneratedMedicine> rows)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO "PracticeMedicines" ("TenantId", "Id", "BrandName", "GenericName", "Strength", "DosageForm", "DrugClass", "Category",
                                             "Manufacturer", "Schedule", "TypicalPriceInr", "IsActive", "SearchText", "CreatedAtUtc", "Version")
            SELECT @tenant, gen_random_uuid(), b, g, s, f, c, k, m, sc, p, true, st, now(), 0
            FROM unnest(@b, @g, @s, @f, @c, @k, @m, @sc, @p, @st) AS r(b, g, s, f, c, k, m, sc, p, st)
            """, connection);
        command.Parameters.AddWithValue("tenant", practiceId);
        Bind(command, rows);
        await command.ExecuteNonQueryAsync();
    }

    private static void Bind(NpgsqlCommand command, IReadOnlyList<GeneratedMedicine> rows)
    {
        command.Parameters.AddWithValue("b", rows.Select(r => r.Brand).ToArray());
        command.Parameters.AddWithValue("g", rows.Select(r => r.Generic).ToArray());
        command.Parameters.AddWithValue("s", rows.Select(r => r.Strength).ToArray());
        command.Parameters.AddWithValue("f", rows.Select(r => r.Form).ToArray());
        command.Parameters.AddWithValue("c", rows.Select(r => r.DrugClass).ToArray());
        command.Parameters.AddWithValue("k", rows.Select(r => r.Category).ToArray());
        command.Parameters.AddWithValue("m", rows.Select(r => r.Manufacturer).ToArray());
        command.Parameters.AddWithValue("sc", rows.Select(r => r.Schedule).ToArray());
        command.Parameters.AddWithValue("p", rows.Select(r => r.Price).ToArray());
        // The app's own rule for what the trigram search matches.
        command.Parameters.AddWithValue("st", rows.Select(r => MedicineSearchText.Of(r.Brand, r.Generic)).ToArray());
    }

    private static async Task SetTenantAsync(NpgsqlConnection connection, Guid practiceId)
    {
        await using var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', @tenant, false)", connection);
        command.Parameters.AddWithValue("tenant", practiceId.ToString());
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<Guid>> IdsAsync(NpgsqlConnection connection, string sql)
    {
        var ids = new List<Guid>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
