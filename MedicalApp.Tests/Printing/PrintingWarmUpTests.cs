using MedicalApp.Printing.Prescriptions;
using MedicalApp.Web.Services.Printing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedicalApp.Tests.Printing;

public sealed class PrintingWarmUpTests
{
    [Fact]
    public async Task The_app_registers_one_prescription_document_and_warms_it_up_at_start_without_errors()
    {
        var logs = new CapturedLogs();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs))
            .AddPrinting()
            .BuildServiceProvider();
        await using var _ = services;

        Assert.Same(services.GetRequiredService<PrescriptionDocument>(), services.GetRequiredService<PrescriptionDocument>());
        var warmUp = Assert.IsType<PrintingWarmUp>(Assert.Single(services.GetServices<IHostedService>()));
        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.ExecuteTask!;

        // The warm-up logs an error when the fonts or native libraries fail; it logged nothing at warning or above.
        Assert.Empty(logs.Entries);
    }
}
