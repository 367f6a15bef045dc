using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace MedicalApp.Web.Identity;

/// <summary>
/// Rate limits on the posts that guess at accounts: sign-in (password and code steps), password reset and practice
/// registration, and nothing else (a page of the app never answers 429 to a clinic at work). Two limits apply together:
/// <list type="bullet">
/// <item>per account (the normalised email being signed in or reset, or the account of a pending two-factor sign-in):
/// guessing one account's password or code stays slow however many addresses it comes from; Identity's lockout
/// (5 failures, 15 minutes) applies besides;</item>
/// <item>per client address, at a much higher ceiling: a clinic behind one address (carrier NAT) signs its whole
/// staff in, while one address cannot try thousands of accounts.</item>
/// </list>
/// </summary>
public static class SignInThrottling
{
    private const string AccountItem = "MedicalApp.SignInThrottling.Account";

    /// <summary>Sign-in and reset posts are small forms; a bigger body is refused before it is read.</summary>
    private const long MaxFormBytes = 64 * 1024;

    private static readonly ThrottledPost[] Posts =
    [
        new("/Account/Login", ThrottledKind.SignIn, FormField: "Input.Email"),
        new("/Account/LoginWith2fa", ThrottledKind.SignIn, PendingTwoFactor: true),
        new("/Account/LoginWithRecoveryCode", ThrottledKind.SignIn, PendingTwoFactor: true),
        new("/Account/ForgotPassword", ThrottledKind.PasswordReset, FormField: "Input.Email"),
        new("/Account/ResetPassword", ThrottledKind.PasswordReset, QueryField: "email"),
        // Accepting an invitation checks an existing account's password: limited like a sign-in, per invitation link.
        new("/Account/AcceptInvitation", ThrottledKind.SignIn, QueryField: "token"),
        new("/register", ThrottledKind.Registration, FormField: "Input.OwnerEmail"),
        // "I forgot my practice's address" mails an account, like a password reset: limited like one.
        new("/forgot-address", ThrottledKind.PasswordReset, FormField: "Input.Email"),
    ];

    public static IServiceCollection AddSignInThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        var perAddress = configuration.GetValue("Security:SignInAttemptsPerAddressPerMinute", 100);
        var perAccount = configuration.GetValue("Security:SignInAttemptsPerAccountPerMinute", 10);
        var registrationsPerAddress = configuration.GetValue("Security:RegistrationsPerAddressPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RefuseAsync;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    PostOf(context) is { } post
                        ? PerMinute($"{post.Kind}|address|{context.Connection.RemoteIpAddress}",
                            post.Kind == ThrottledKind.Registration ? registrationsPerAddress : perAddress)
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    PostOf(context) is { } post && context.Items[AccountItem] is string account
                        ? PerMinute($"{post.Kind}|account|{account}", perAccount)
                        : RateLimitPartition.GetNoLimiter("")));
        });
        return services;
    }

    /// <summary>Finds the account a throttled post is about (the limiter itself cannot read a form), then limits.</summary>
    public static IApplicationBuilder UseSignInThrottling(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (PostOf(context) is { } post && await AccountOfAsync(context, post) is { } account)
            {
                context.Items[AccountItem] = account;
            }

            await next(context);
        });
        return app.UseRateLimiter();
    }

    private static ThrottledPost? PostOf(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
            ? Array.Find(Posts, p => context.Request.Path.StartsWithSegments(p.Path, StringComparison.OrdinalIgnoreCase))
            : null;

    private static async Task<string?> AccountOfAsync(HttpContext context, ThrottledPost post)
    {
        if (post.PendingTwoFactor)
        {
            var pending = await context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
            return pending.Principal?.Identity?.Name is { Length: > 0 } userId ? "user:" + userId : null;
        }

        var email = post.QueryField is not null ? context.Request.Query[post.QueryField].ToString() : await FormFieldAsync(context, post.FormField!);
        return string.IsNullOrWhiteSpace(email)
            ? null
            : context.RequestServices.GetRequiredService<ILookupNormalizer>().NormalizeEmail(email.Trim());
    }

    private static async Task<string?> FormFieldAsync(HttpContext context, string field)
    {
        if (!context.Request.HasFormContentType)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxFormBytes;
        }

        try
        {
            // Read once here; the antiforgery check and the page read the same buffered form afterwards.
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            return form[field].ToString();
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException or IOException)
        {
            // A malformed or oversized form: the page refuses it itself; only the address limit applies.
            return null;
        }
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = "60";
        context.Response.ContentType = "text/html; charset=utf-8";
        // A body of our own also keeps the status-code pages from answering with "not found".
        await context.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many attempts</title></head><body>" +
            "<h1>Too many attempts</h1><p>There were too many attempts for this account or from this network in the last minute. " +
            "Wait a minute, then go back and try again.</p></body></html>", cancellationToken);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInThrottling))
            .LogWarning("Throttled a post to {Path} from {Address}.", context.Request.Path, context.Connection.RemoteIpAddress);
    }

    private enum ThrottledKind
    {
        SignIn,
        PasswordReset,
        Registration,
    }

    private sealed record ThrottledPost(string Path, ThrottledKind Kind, string? FormField = null, string? QueryField = null, bool PendingTwoFactor = false);
}
