using System.Diagnostics;
using MedicalApp.Printing.Prescriptions;

namespace MedicalApp.Web.Services.Printing;

/// <summary>
/// Prints the sample prescription once, in the background, when the app starts: the first document of a process pays
/// for loading the fonts and the native libraries and for compiling the code (about 100 ms against about 10 ms
/// after), and the first doctor to print should not. It doubles as a self-test of the fonts and native assets: a
/// failure is logged as an error for the operator, and the app keeps running (it prints nothing until that is fixed).
/// </summary>
public sealed partial class PrintingWarmUp(PrescriptionDocument prescriptions, ILogger<PrintingWarmUp> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(WarmUp, stoppingToken);

    private void WarmUp()
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var sample = PrescriptionPrint.Sample();
            var pdf = prescriptions.Render(sample, PrintLayout.Preset(PrescriptionTemplate.Classic));
            // The settings preview draws pages to PNG: warm that path too, at a small size.
            prescriptions.RenderPreviewPng(sample, PrintLayout.Preset(PrescriptionTemplate.Minimal), dpi: 24);
            LogWarmedUp(logger, Stopwatch.GetElapsedTime(started).TotalMilliseconds, pdf.Length);
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Printing is ready: the sample prescription took {Milliseconds:0} ms ({Bytes} bytes).")]
    private static partial void LogWarmedUp(ILogger logger, double milliseconds, int bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Printing does not work: the sample prescription could not be rendered (fonts or native libraries of MedicalApp.Printing). Prescriptions cannot be printed until this is fixed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
