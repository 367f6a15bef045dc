using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MedicalApp.Benchmarks.Circuits;

/// <summary>
/// Optional heap snapshots with the dotnet-gcdump tool (<c>dotnet tool install -g dotnet-gcdump</c>), taken after the
/// probe's readings so they do not disturb them, and the types whose bytes grew the most per circuit between them:
/// where a circuit's memory goes. Without the tool the benchmark says so and measures without snapshots.
/// </summary>
public static partial class GcDump
{
    public static async Task<string?> CollectAsync(string? directory, int processId, string name)
    {
        if (directory is null)
        {
            return null;
        }

        var tool = Tool();
        if (tool is null)
        {
            Console.WriteLine("dotnet-gcdump is not installed (dotnet tool install -g dotnet-gcdump): no heap snapshots.");
            return null;
        }

        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, name + ".gcdump");
        File.Delete(file);
        await RunAsync(tool, ["collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", file]);
        var report = await RunAsync(tool, ["report", file]);
        await File.WriteAllTextAsync(Path.ChangeExtension(file, ".txt"), report);
        return report;
    }

    /// <summary>Prints the types whose bytes grew most between two reports, per circuit.</summary>
    public static Task PrintGrowthAsync(string before, string after, int sessions, string app)
    {
        var start = Parse(before);
        var end = Parse(after);
        var growth = end
            .Select(e => (Type: e.Key, Bytes: e.Value.Bytes - start.GetValueOrDefault(e.Key).Bytes, Count: e.Value.Count - start.GetValueOrDefault(e.Key).Count))
            .Where(g => g.Bytes > 0)
            .OrderByDescending(g => g.Bytes)
            .ToList();
        var total = growth.Sum(g => g.Bytes);
        Console.WriteLine($"[{app}] heap snapshot growth per circuit (estimated from dotnet-gcdump's report): {total / sessions / 1024.0:N1} KiB in the types that grew; the largest:");
        foreach (var (type, bytes, count) in growth.Take(30))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {bytes / (double)sessions / 1024,9:N1} KiB {count / (double)sessions,8:N1} objects  {type}"));
        }

        return Task.CompletedTask;
    }

    // "      1,048,600         1  System.Byte[] (Bytes > 1M)  [System.Private.CoreLib.dll]": the first column is the
    // size of one object of the row (the report's size buckets of a type share one), so a row's bytes are size × count
    // (an estimate for arrays and strings); the size buckets of a type are added up under the type's name.
    private static Dictionary<string, (long Bytes, long Count)> Parse(string report)
    {
        var types = new Dictionary<string, (long Bytes, long Count)>(StringComparer.Ordinal);
        foreach (var line in report.Split('\n'))
        {
            var match = ReportLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var count = long.Parse(match.Groups["count"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var bytes = count * long.Parse(match.Groups["bytes"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var type = match.Groups["type"].Value.Trim();
            var known = types.GetValueOrDefault(type);
            types[type] = (known.Bytes + bytes, known.Count + count);
        }

        return types;
    }

    [GeneratedRegex(@"^\s*(?<bytes>[\d,]+)\s+(?<count>[\d,]+)\s+(?<type>.+?)(\s+\(Bytes > [\dKM]+\))?\s+\[[^\]]+\]\s*$")]
    private static partial Regex ReportLine();

    private static string? Tool()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(home, ".dotnet", "tools"))
            .Select(folder => Path.Combine(folder, "dotnet-gcdump"));
        return candidates.FirstOrDefault(File.Exists);
    }

    private static async Task<string> RunAsync(string tool, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-gcdump {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }
}
