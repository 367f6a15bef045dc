using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using MedicalApp.Tests.TestSupport;

namespace MedicalApp.Tests.Features.Dental.Files;

/// <summary>
/// An OpenAI-compatible chat-completions endpoint in the test (HttpListener on a free local port): it keeps every
/// request body and answers with the content the test gives, so what the app sends can be read back.
/// </summary>
public sealed class FakeChatCompletions : IAsyncDisposable
{
    private readonly LoopbackHttpServer server;

    public FakeChatCompletions(Func<string, string> answer)
    {
        server = new LoopbackHttpServer(context => AnswerAsync(context, answer));
    }

    public int Port => server.Port;

    /// <summary>The base address to configure (the client adds <c>/chat/completions</c>).</summary>
    public string EndpointUrl => $"{server.BaseUrl}/v1";

    public ConcurrentQueue<(string Path, string? Authorization, string Body)> Requests { get; } = new();

    /// <summary>The assistant's content answering the eight sections with their key names as text ("Summary from the model").</summary>
    public static string AllSections(string userMessage)
    {
        var keys = MedicalApp.Web.Features.Dental.CaseStudies.CaseStudySections.Headings.Select(h => h.Key).Where(k => userMessage.Contains($"\"{k}\"", StringComparison.Ordinal));
        return "Here it is:\n" + JsonSerializer.Serialize(keys.ToDictionary(k => k, k => $"{k} from the model"));
    }

    private async Task AnswerAsync(HttpListenerContext context, Func<string, string> answer)
    {
        var body = await LoopbackHttpServer.ReadBodyAsync(context.Request);
        Requests.Enqueue((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body));
        var userMessage = JsonDocument.Parse(body).RootElement.GetProperty("messages").EnumerateArray()
            .Last(m => m.GetProperty("role").GetString() == "user").GetProperty("content").ToString();
        var response = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test", @object = "chat.completion", created = 1_764_900_000, model = "test-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = answer(userMessage) }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
        });
        var bytes = Encoding.UTF8.GetBytes(response);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
