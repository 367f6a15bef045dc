using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using System.Text;

// The circuit benchmark's memory probe, loaded into each measured server (MedicalApp and the template) by the runtime's
// DOTNET_STARTUP_HOOKS, which the benchmark sets only on the server processes it starts itself. Neither app contains
// a diagnostic endpoint, so nothing of this can be reached in a deployment; both apps are probed by the same code.
// The runtime looks the hook up by this exact name, outside any namespace (hence CA1050 is off here).
#pragma warning disable CA1050
internal static class StartupHook
#pragma warning restore CA1050
{
    /// <summary>The loopback port the probe listens on; without it the hook does nothing.</summary>
    public const string PortVariable = "MEDICALAPP_MEMORY_PROBE_PORT";

    public static void Initialize()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(PortVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        new Thread(() => Serve(listener)) { IsBackground = true, Name = "Circuit benchmark memory probe" }.Start();
    }

    // One connection, one measurement: the benchmark connects, reads one line and closes.
    private static void Serve(TcpListener listener)
    {
        while (true)
        {
            using var client = listener.AcceptTcpClient();
            using var stream = client.GetStream();
            stream.Write(Encoding.ASCII.GetBytes(Measure() + "\n"));
        }
    }

    private static string Measure()
    {
        // Full blocking, compacting collections (large objects too) with the finalizers run in between, three times:
        // what a finalizer alone kept alive goes in a later round. What is left is what the server really holds.
        for (var round = 0; round < 3; round++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var process = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture,
            $"heap={GC.GetTotalMemory(forceFullCollection: false)} heapAfterGc={info.HeapSizeBytes} committed={info.TotalCommittedBytes} " +
            $"workingSet={process.WorkingSet64} private={process.PrivateMemorySize64} pid={Environment.ProcessId}");
    }
}
