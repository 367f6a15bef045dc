namespace MedicalApp.Web.Hosting;

public static class SecurityHeaders
{
    /// <summary>Antiforgery would add its own X-Frame-Options (SAMEORIGIN) beside ours; ours is stricter.</summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);

    /// <summary>
    /// Headers every response carries: no MIME sniffing, no framing (clickjacking), no referrer leaking practice
    /// addresses to other sites, forms posting only to this site. Scripts are not restricted by CSP yet: Blazor's
    /// import map is an inline script and would need a nonce.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            await next(context);
        });
}
