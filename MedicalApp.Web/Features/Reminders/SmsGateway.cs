using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace MedicalApp.Web.Features.Reminders;

/// <summary>A practice's HTTP SMS gateway as the sender uses it (the key decrypted, only in memory).</summary>
public sealed record SmsGatewaySettings(string UrlTemplate, string HttpMethod, string? BodyTemplate, string? SenderId, string? ApiKey);

/// <summary>What the gateway said: sent, or why not (the HTTP status, or the connection's failure), never with the key.</summary>
public sealed record SmsSendResult(bool Sent, string? Error)
{
    public static SmsSendResult Ok { get; } = new(true, null);
}

/// <summary>
/// Posts one SMS to a practice's HTTP gateway. The address is an administrator's text, so it is treated as untrusted:
/// http(s) only, no redirects followed, and the address actually connected to (after DNS) must not be link-local
/// (169.254.0.0/16, fe80::/10: cloud metadata services) or unspecified; <see cref="SmsGatewayAddress"/> refuses the
/// same when the settings are saved. Loopback and private networks stay allowed: a gateway in the clinic's own network
/// (or a relay on the server) is a legitimate set-up.
/// </summary>
public sealed class SmsGateway(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "MedicalApp.SmsGateway";

    public async Task<SmsSendResult> SendAsync(SmsGatewaySettings gateway, string to, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        HttpRequestMessage request;
        try
        {
            request = Build(gateway, to, message);
        }
        catch (InvalidOperationException invalid)
        {
            return new SmsSendResult(false, invalid.Message);
        }

        using (request)
        {
            try
            {
                using var client = httpClients.CreateClient(HttpClientName);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return SmsSendResult.Ok;
                }

                return new SmsSendResult(false, Redact($"The gateway answered {(int)response.StatusCode} {response.ReasonPhrase}.", gateway.ApiKey));
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or SocketException && !cancellationToken.IsCancellationRequested)
            {
                var reason = failure is TaskCanceledException ? "The gateway did not answer in time." : $"The gateway could not be reached: {failure.Message}";
                return new SmsSendResult(false, Redact(reason, gateway.ApiKey));
            }
        }
    }

    /// <summary>The request the gateway receives: placeholders URL-encoded in the address, JSON- or form-encoded in a POST body.</summary>
    public static HttpRequestMessage Build(SmsGatewaySettings gateway, string to, string message)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var values = new Dictionary<string, string>
        {
            ["{to}"] = to, ["{message}"] = message, ["{sender}"] = gateway.SenderId ?? "", ["{key}"] = gateway.ApiKey ?? "",
        };
        var url = Fill(gateway.UrlTemplate, values, Uri.EscapeDataString);
        if (SmsGatewayAddress.Problem(url) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var post = string.Equals(gateway.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase);
        var request = new HttpRequestMessage(post ? HttpMethod.Post : HttpMethod.Get, url);
        if (post)
        {
            var template = gateway.BodyTemplate ?? "";
            var json = template.TrimStart().StartsWith('{') || template.TrimStart().StartsWith('[');
            var body = json
                ? Fill(template, values, v => JsonEncodedText.Encode(v).ToString())
                : Fill(template, values, Uri.EscapeDataString);
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(json ? "application/json" : "application/x-www-form-urlencoded") { CharSet = "utf-8" };
        }

        return request;
    }

    /// <summary>
    /// The handler of the gateway's client: no redirects, and every connection's resolved address checked, so a name
    /// that resolves (or is re-pointed) to the metadata service is refused where the connection is made.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(a => !SmsGatewayAddress.IsForbidden(a)).ToList();
            if (allowed.Count == 0)
            {
                throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to an address the gateway may not use (link-local or metadata).");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static string Fill(string template, Dictionary<string, string> values, Func<string, string> encode)
    {
        var text = new StringBuilder(template);
        foreach (var (placeholder, value) in values)
        {
            text.Replace(placeholder, encode(value));
        }

        return text.ToString();
    }

    /// <summary>Failure notes go to the delivery log, which the front desk reads: the key never does.</summary>
    public static string Redact(string text, string? key)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(key))
        {
            return text;
        }

        return text.Replace(key, "***", StringComparison.Ordinal).Replace(Uri.EscapeDataString(key), "***", StringComparison.Ordinal);
    }
}

/// <summary>The rules for a gateway address an administrator enters.</summary>
public static class SmsGatewayAddress
{
    private static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata", "metadata.azure.internal", "instance-data"];

    /// <summary>Why the filled-in address cannot be used, or null.</summary>
    public static string? Problem(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "Enter the gateway's full address starting with https:// (or http://).";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Put the gateway's credentials in {key}, not in the address.";
        }

        var host = uri.IdnHost.TrimEnd('.');
        if (MetadataHosts.Contains(host, StringComparer.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IsForbidden(address)))
        {
            return "That address is reserved for the server's own network services (link-local or metadata) and cannot be a gateway.";
        }

        return null;
    }

    /// <summary>Link-local (IPv4 169.254.0.0/16 incl. the metadata service 169.254.169.254; IPv6 fe80::/10) and unspecified addresses.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            return bytes[0] == 169 && bytes[1] == 254;
        }

        return address.IsIPv6LinkLocal || address.ToString().StartsWith("fd00:ec2::", StringComparison.OrdinalIgnoreCase);
    }
}
