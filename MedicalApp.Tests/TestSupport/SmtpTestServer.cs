using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) on a loopback port. The app talks to it through
/// MailKit exactly as to a production server; tests read the messages that arrived.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly SmtpServer.SmtpServer server;
    private readonly Task running;

    private SmtpTestServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CollectingStore(this));
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stopping.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>When set, every arriving message waits for this gate before the server accepts it, so a test can keep a
    /// sender in the middle of a delivery. <see cref="Held"/> completes when the first message is waiting.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts a server on a free port, or on <paramref name="port"/> (to bring a "down" server back up).</summary>
    public static SmtpTestServer Start(int? port = null) => new(port ?? FreePort());

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static IReadOnlyDictionary<string, string?> AppSettings(int port, bool dispatchInBackground = false) => new Dictionary<string, string?>
    {
        ["Email:Mode"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:FromAddress"] = "no-reply@medicalapp.test",
        ["Email:DispatchInBackground"] = dispatchInBackground ? "true" : "false",
        ["Email:DispatchIntervalSeconds"] = "1",
    };

    /// <summary>Waits until a message for <paramref name="to"/> has arrived.</summary>
    public async Task<MimeMessage> WaitForMessageToAsync(string to, TimeSpan? timeout = null) =>
        (await WaitForMessagesToAsync(to, 1, timeout))[0];

    /// <summary>Waits until <paramref name="count"/> messages for <paramref name="to"/> have arrived; returns them in order.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesToAsync(string to, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var messages = Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase))).ToList();
            if (messages.Count >= count)
            {
                return messages;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Fewer than {count} messages to {to} arrived at the test SMTP server.");
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        server.Shutdown();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }

        stopping.Dispose();
    }

    private sealed class CollectingStore(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.Gate is { } gate)
            {
                owner.Held.TrySetResult();
                await gate.Task.WaitAsync(cancellationToken);
            }

            using var stream = new MemoryStream(buffer.ToArray());
            owner.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
