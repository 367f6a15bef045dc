using System.Security.Cryptography;

namespace MedicalApp.Web.Hosting;

public static class SecurityHeaders
{
    private static readonly object NonceKey = new();

    /// <summary>Antiforgery would add its own X-Frame-Options (SAMEORIGIN) beside ours; ours is stricter.</summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);

    /// <summary>
    /// The nonce of this response's Content Security Policy: 128 random bits, new for every request. Every inline
    /// script the app renders carries it (Blazor's import map, <c>&lt;ImportMap nonce=…/&gt;</c> in App.razor); a script
    /// injected into the page cannot know it, so it does not run.
    /// </summary>
    public static string ScriptNonce(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(NonceKey, out var existing) && existing is string nonce)
        {
            return nonce;
        }

        // Hex, not base64: "+" and "/" would be HTML-encoded in the attribute, and the nonce should read the same in
        // the header and in the markup.
        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>
    /// Headers every response carries: no MIME sniffing, no framing (clickjacking), no referrer leaking practice
    /// addresses to other sites, forms posting only to this site, and a Content Security Policy. Scripts: the app's own
    /// files (blazor.web.js, MudBlazor's script, the reconnect dialog's module, all same-origin) and inline scripts with
    /// this response's nonce; nothing inline without it, no eval, no other origin. Styles allow inline ones: MudBlazor
    /// writes its theme as a &lt;style&gt; element and positions popovers with style attributes, which no nonce can cover
    /// (and a nonce in style-src would switch 'unsafe-inline' off). The circuit connects to the same origin (WebSocket,
    /// or its fallbacks); images are the app's own (practice logos through their endpoint) or data: URIs of its CSS.
    /// Set as the response starts, so that an error page, whose headers the exception handler clears, has them too.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var nonce = context.ScriptNonce();
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                    "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
