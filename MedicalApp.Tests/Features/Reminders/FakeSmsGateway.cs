using System.Collections.Concurrent;
using MedicalApp.Tests.TestSupport;

namespace MedicalApp.Tests.Features.Reminders;

/// <summary>One request the fake gateway received, as it arrived (the address still URL-encoded).</summary>
public sealed record ReceivedSms(string Method, string RawUrl, string Body, string? ContentType);

/// <summary>
/// An HTTP SMS gateway on 127.0.0.1 at a free port: records every request and answers with <see cref="StatusCode"/>.
/// </summary>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    private readonly LoopbackHttpServer server;

    public FakeSmsGateway()
    {
        server = new LoopbackHttpServer(async context =>
        {
            var body = await LoopbackHttpServer.ReadBodyAsync(context.Request);
            Received.Enqueue(new ReceivedSms(context.Request.HttpMethod, context.Request.RawUrl ?? "", body, context.Request.ContentType));
            context.Response.StatusCode = StatusCode;
        });
    }

    public int Port => server.Port;

    public string BaseUrl => server.BaseUrl;

    public int StatusCode { get; set; } = 200;

    public ConcurrentQueue<ReceivedSms> Received { get; } = new();

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
