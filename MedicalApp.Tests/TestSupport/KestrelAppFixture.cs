using System.Net;
using MedicalApp.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Tests.TestSupport;

/// <summary>The app on a real loopback port (Kestrel), for the browser to talk to, over a fresh SQLite database.</summary>
public sealed class KestrelAppFixture : IAsyncLifetime
{
    public MedicalAppFactory App { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        App = new MedicalAppFactory(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false));
        App.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
