using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using Microsoft.Extensions.Options;

namespace MedicalApp.Web.Tenancy;

/// <summary>
/// First in the pipeline: resolves the practice a request names and puts it in the scoped <see cref="CurrentTenant"/>.
/// For the route strategy it moves <c>/t/{slug}</c> into PathBase, so pages, static files, the Blazor hub and cookie
/// paths all live under the practice's own address. Unknown, malformed and suspended practices are answered here
/// with a page of their own, and nothing of any practice is reached.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, IOptions<TenancyOptions> options)
{
    public const string NotFoundPath = "/practice-not-found";

    public const string SuspendedPath = "/practice-suspended";

    public async Task InvokeAsync(HttpContext context, PracticeDirectory directory, PracticeAddresses addresses, CurrentTenant currentTenant)
    {
        var request = TenantRequestParser.Parse(context.Request.Host.Value ?? "", context.Request.Path.Value ?? "/", options.Value);
        if (request.Kind == TenantRequestKind.Root)
        {
            await next(context);
            return;
        }

        var practice = request.Kind == TenantRequestKind.Practice
            ? await directory.FindBySlugAsync(request.Slug!, context.RequestAborted)
            : null;
        if (practice is null)
        {
            // An address the practice's owner moved away from: pages follow it to the new one (the sign-in cookie
            // belonged to the old address, so members sign in again there). Temporary, as the owner may move back.
            // A request without a Host (HTTP/1.0) has no site to stay on, so it is not redirected.
            if (request.Kind == TenantRequestKind.Practice && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && context.Request.Host.HasValue
                && await directory.FindMovedAsync(request.Slug!, context.RequestAborted) is { } movedTo)
            {
                context.Response.Redirect(MovedAddress(context, request, addresses, movedTo));
                return;
            }

            await RenderInsteadAsync(context, NotFoundPath, StatusCodes.Status404NotFound);
            return;
        }

        if (practice.Status == PracticeStatus.Suspended)
        {
            await RenderInsteadAsync(context, SuspendedPath, StatusCodes.Status403Forbidden);
            return;
        }

        currentTenant.Set(practice);
        if (request.Strategy == TenantStrategy.Route)
        {
            context.Request.PathBase = context.Request.PathBase.Add(request.PathBase);
            context.Request.Path = request.RemainingPath;
        }

        await next(context);
    }

    /// <summary>The same page and query at the practice's current address (only a plain page; see <see cref="PracticeAddresses.MovedPage"/>).</summary>
    private static string MovedAddress(HttpContext context, TenantRequest request, PracticeAddresses addresses, string slug)
    {
        var page = request.Strategy == TenantStrategy.Route ? request.RemainingPath : context.Request.Path.Value ?? "/";
        return addresses.MovedPage(slug, request.Strategy!.Value, context.Request.Scheme, context.Request.Host.Value ?? "",
            page, context.Request.QueryString.Value ?? "").AbsoluteUri;
    }

    // The explanatory pages are served from the root, so they never run with the practice's PathBase or data.
    private async Task RenderInsteadAsync(HttpContext context, string path, int statusCode)
    {
        if (IsStaticAsset(context.Request.Path))
        {
            context.Response.StatusCode = statusCode;
            return;
        }

        // The status is applied as the response starts: a 404 set before rendering makes Blazor render its generic
        // not-found page instead of the explanatory one.
        context.Request.Path = path;
        context.Request.QueryString = QueryString.Empty;
        context.SetEndpoint(null);
        context.Response.OnStarting(() =>
        {
            context.Response.StatusCode = statusCode;
            return Task.CompletedTask;
        });
        await next(context);
    }

    private static bool IsStaticAsset(PathString path) =>
        path.Value is { } value && (value.Contains("/_framework/", StringComparison.Ordinal)
            || value.Contains("/_content/", StringComparison.Ordinal) || value.Contains("/_blazor", StringComparison.Ordinal)
            || Path.HasExtension(value));
}
