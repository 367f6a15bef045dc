using System.ClientModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI;

namespace MedicalApp.Web.Features.Dental.CaseStudies;

/// <summary>Why the language model did not write a case study (unreachable, refused, or answered with something else).</summary>
public sealed class CaseStudyGenerationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Writes case-study sections through a practice's OpenAI-compatible chat-completions endpoint. It is sent the records
/// as JSON; the patient's name, mobile number and date of birth only when the practice switched identity sharing on
/// (age and sex are always sent: the text needs them and they identify no one).
/// </summary>
public sealed class LanguageModelCaseStudyComposer(IChatClient chat, string model, bool shareIdentity)
{
    private const string Instructions =
        "You write structured dental case studies for a dentist to review and edit. Use only the facts in the records "
        + "given; do not invent findings, dates or results. Answer with one JSON object and nothing else.";

    /// <summary>A composer for the endpoint at <paramref name="endpointUrl"/> (its base, e.g. https://api.openai.com/v1).</summary>
    public static LanguageModelCaseStudyComposer For(string endpointUrl, string model, string? apiKey, bool shareIdentity)
    {
        // One retry at most: a doctor is waiting for the text, and the offline composer is always there.
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(endpointUrl), NetworkTimeout = TimeSpan.FromSeconds(90), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 1),
        };
        // Local servers often need no key; the client still wants one to send.
        var client = new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "none" : apiKey), options);
        return new LanguageModelCaseStudyComposer(client.AsIChatClient(), model, shareIdentity);
    }

    public string Name => model;

    public async Task<CaseStudySections> ComposeAsync(CaseStudyMaterial material, CancellationToken cancellationToken = default)
    {
        var keys = CaseStudySections.Headings.Select(h => h.Key).ToList();
        var answer = await AskAsync(material, keys, cancellationToken);
        var sections = new CaseStudySections(null, null, null, null, null, null, null, null);
        foreach (var key in keys)
        {
            sections = sections.With(key, answer.GetValueOrDefault(key));
        }

        return sections;
    }

    public async Task<string?> ComposeSectionAsync(CaseStudyMaterial material, string key, CancellationToken cancellationToken = default) =>
        (await AskAsync(material, [key], cancellationToken)).GetValueOrDefault(key);

    /// <summary>The JSON of the records as sent: identity only when shared.</summary>
    public string RecordsJson(CaseStudyMaterial material)
    {
        ArgumentNullException.ThrowIfNull(material);
        var patient = new JsonObject { ["age"] = material.Patient.Age, ["sex"] = material.Patient.Gender.ToString() };
        if (shareIdentity)
        {
            patient["name"] = material.Patient.Name;
            patient["mobile"] = material.Patient.Mobile;
            patient["dateOfBirth"] = material.Patient.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        var records = new JsonObject
        {
            ["patient"] = patient,
            ["visits"] = ToNode(material.Visits.Select(v => new { date = CaseStudyMaterial.Date(v.On), v.ChiefComplaint, v.Diagnosis })),
            ["observations"] = ToNode(material.Observations.Select(o => new
            {
                o.Tooth, surfaces = CaseStudyMaterial.SurfaceLetters(o.Surfaces), condition = CaseStudyMaterial.Words(o.Condition), severity = o.Severity?.ToString(),
                o.Notes, recorded = CaseStudyMaterial.Date(o.RecordedOn), treated = o.TreatedOn is { } t ? CaseStudyMaterial.Date(t) : null,
            })),
            ["procedures"] = ToNode(material.Procedures.Select(p => new
            {
                p.Code, p.Name, p.Teeth, status = p.Status.ToString(), planned = p.PlannedOn is { } d ? CaseStudyMaterial.Date(d) : null,
                completed = p.CompletedOn is { } c ? CaseStudyMaterial.Date(c) : null, p.Notes,
            })),
            ["images"] = ToNode(material.Attachments.Select(a => new { kind = a.Kind.ToString(), a.Caption, taken = a.TakenOn is { } d ? CaseStudyMaterial.Date(d) : null })),
        };
        return records.ToJsonString();
    }

    private static JsonNode? ToNode<T>(IEnumerable<T> items) => JsonSerializer.SerializeToNode(items.ToList());

    private async Task<Dictionary<string, string?>> AskAsync(CaseStudyMaterial material, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var wanted = string.Join(", ", keys.Select(k => $"\"{k}\" ({CaseStudySections.Headings.First(h => h.Key == k).Heading.ToLowerInvariant()})"));
        List<ChatMessage> messages =
        [
            new(ChatRole.System, Instructions),
            new(ChatRole.User, $"Write these sections as plain text strings in a JSON object with exactly these keys: {wanted}.\nRecords:\n{RecordsJson(material)}"),
        ];
        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync(messages, new ChatOptions { ModelId = model, Temperature = 0.2f }, cancellationToken);
        }
        catch (Exception exception) when (exception is ClientResultException or HttpRequestException or TaskCanceledException or InvalidOperationException or AggregateException)
        {
            var cause = exception is AggregateException { InnerExceptions.Count: > 0 } many ? many.InnerExceptions[^1] : exception;
            throw new CaseStudyGenerationException($"The language model could not be reached or refused the request ({cause.Message.Split('\n')[0]}).", exception);
        }

        var text = response.Text ?? "";
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        try
        {
            var json = start >= 0 && end > start ? JsonNode.Parse(text[start..(end + 1)]) as JsonObject : null;
            if (json is null)
            {
                throw new CaseStudyGenerationException("The language model did not answer with the sections asked for.");
            }

            return keys.ToDictionary(k => k, k => json[k] is JsonValue value && value.TryGetValue<string>(out var s) ? s.Trim() : json[k]?.ToJsonString());
        }
        catch (JsonException exception)
        {
            throw new CaseStudyGenerationException("The language model did not answer with the sections asked for.", exception);
        }
    }
}
