using System.Net;
using System.Net.Sockets;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// An HTTP server on 127.0.0.1 at a free port for the fakes of outside services (an SMS gateway, a chat-completions
/// endpoint): every request is handed to <c>answer</c>, which reads it and writes the response; the response is closed
/// after it returns. Requests are answered one at a time, in the order they arrive.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;

    public LoopbackHttpServer(Func<HttpListenerContext, Task> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);

        // A free port: the system picks one for a socket that is closed again before the listener takes it.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        listener.Prefixes.Add($"{BaseUrl}/");
        listener.Start();
        serving = Task.Run(() => ServeAsync(answer));
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port</c>, without a trailing slash.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The request's body as text, in the encoding it declares.</summary>
    public static async Task<string> ReadBodyAsync(HttpListenerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.InputStream, request.ContentEncoding);
        return await reader.ReadToEndAsync();
    }

    private async Task ServeAsync(Func<HttpListenerContext, Task> answer)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await answer(context);
            context.Response.Close();
        }
    }

    /// <summary>Stops answering (a test may stop it early to play a gateway that is gone; disposing again does nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!listener.IsListening)
        {
            return;
        }

        listener.Stop();
        listener.Close();
        await serving;
    }
}
