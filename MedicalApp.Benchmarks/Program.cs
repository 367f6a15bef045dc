using System.Diagnostics;
using System.Globalization;
using MedicalApp.Benchmarks;
using MedicalApp.Benchmarks.Circuits;
using MedicalApp.Benchmarks.Finalising;
using MedicalApp.Benchmarks.Printing;
using MedicalApp.Benchmarks.Medicines;
using Npgsql;

// The benchmark of issue 4: a realistic data set on PostgreSQL, then patient search, the day calendar, slot
// computation and booking, as the application role under row-level security, each against its floor. See README.md.
// `circuits` as the first argument runs the other benchmark instead: what a signed-in circuit costs (issue 9);
// `pdf` how fast and how large printed prescriptions are (issue 10).
// `medicine-search` the medicine search of a practice with 5,000 own medicines (issue 10).
// `finalise` how fast a prescription is finalised (issue 10).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["circuits", .. var circuitArgs])
{
    return await CircuitBenchmark.RunAsync(circuitArgs);
}

if (args is ["pdf", .. var pdfArgs])
{
    return await PdfBenchmark.RunAsync(pdfArgs);
}

if (args is ["medicine-search", .. var medicineArgs])
{
    return await MedicineSearchBenchmark.RunAsync(medicineArgs);
}

if (args is ["finalise", .. var finaliseArgs])
{
    return await FinaliseBenchmark.RunAsync(finaliseArgs);
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception failure) when (failure is ArgumentException or FormatException)
{
    Console.Error.WriteLine(failure.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

var total = Stopwatch.StartNew();
await using var cluster = await PostgresCluster.StartOrUseAsync(options.SuperuserConnection);
string serverVersion;
await using (var connection = new NpgsqlConnection(cluster.SuperuserConnection))
{
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT version()", connection);
    serverVersion = (string)(await command.ExecuteScalarAsync())!;
}

Console.WriteLine($"MedicalApp benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
Console.WriteLine($"PostgreSQL: {serverVersion} ({(cluster.IsThrowaway ? "throwaway cluster started by the benchmark" : "given server")})");

await using var database = await BenchmarkDatabase.CreateAsync(cluster.SuperuserConnection, options.Keep);
Console.WriteLine($"Database {database.Name} created with the three roles and migrated as the owner ({total.Elapsed.TotalSeconds:0.0} s)");

Console.WriteLine($"Generating: {options.Practices} practices; one with {options.BigPatients:N0} patients and {options.BigAppointments:N0} appointments " +
                  $"for {options.BigDoctors} doctors at 3 locations, the others {options.SmallPatients} patients and {options.SmallAppointments} appointments");
var data = await new DataSetGenerator(database, options).GenerateAsync();
Console.WriteLine($"Generated {data.Patients:N0} patients and {data.Appointments:N0} appointments in {data.Elapsed.TotalSeconds:0} s");
Console.WriteLine($"Search terms: {Measurements.Describe(data.Terms)}");

await using var measurements = new Measurements(database, options, data);
await measurements.CheckIsolationAsync();
var measuring = Stopwatch.StartNew();
Console.WriteLine($"Measuring: {options.Iterations} timed runs per operation after {options.Warmup} warm-up runs ...");
await measurements.MeasureSearchAsync();
await measurements.MeasureCalendarAndSlotsAsync();
await measurements.MeasureBookingAsync();
Console.WriteLine($"Measured in {measuring.Elapsed.TotalSeconds:0} s");
Console.WriteLine();

Report.Print(measurements.Lines);
Console.WriteLine();
Console.WriteLine(measurements.ConcurrentOutcome);
foreach (var note in measurements.Notes)
{
    Console.WriteLine("Note: " + note);
}

Console.WriteLine("Floor = the same statement as the platform role (BYPASSRLS) with the explicit TenantId condition (for the product's search function: the same call by the platform role with the practice set); ratio = measured / floor (p50 and p95).");
Console.WriteLine("Times are client-side per operation (send, execute, read all rows) on an open connection that already has app.tenant_id set.");
Console.WriteLine("Targets (issue 4): patient search p95 ≤ 5 ms in the 100k-patient practice, day calendar p95 ≤ 10 ms, RLS overhead ≤ 1.2× the floor.");
var misses = measurements.Lines.Count(l => l.MeetsTarget == false || l.MeetsRlsOverhead == false);
Console.WriteLine($"{misses} target check(s) missed (reported, not failed: this is a benchmark). Total time {total.Elapsed.TotalMinutes:0.0} min.");
return 0;
