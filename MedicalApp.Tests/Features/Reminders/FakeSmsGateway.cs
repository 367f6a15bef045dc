using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MedicalApp.Tests.Features.Reminders;

/// <summary>One request the fake gateway received, as it arrived (the address still URL-encoded).</summary>
public sealed record ReceivedSms(string Method, string RawUrl, string Body, string? ContentType);

/// <summary>
/// An HTTP SMS gateway on 127.0.0.1 at a free port: records every request and answers with <see cref="StatusCode"/>.
/// </summary>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;

    public FakeSmsGateway()
    {
        // A free port: the system picks one for a socket that is closed again before the listener takes it.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public int StatusCode { get; set; } = 200;

    public ConcurrentQueue<ReceivedSms> Received { get; } = new();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, context.Request.ContentEncoding);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue(new ReceivedSms(context.Request.HttpMethod, context.Request.RawUrl ?? "", body, context.Request.ContentType));
            context.Response.StatusCode = StatusCode;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
