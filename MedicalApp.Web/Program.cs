using MedicalApp.Data;
using MedicalApp.Web.Components;
using MedicalApp.Web.Components.Account;
using MedicalApp.Web.Components.Layout;
using MedicalApp.Web.Features;
using MedicalApp.Web.Features.Practice;
using MedicalApp.Web.Hosting;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Tenancy;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMedicalData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddMedicalDataProtection(builder.Configuration, builder.Environment);
builder.Services.AddTenancy(builder.Configuration);
builder.Services.AddMedicalIdentity(builder.Configuration);
builder.Services.AddMudServices(MedicalTheme.ConfigureServices);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddFeatures(builder.Configuration);
builder.Services.AddMedicalHealthChecks();
builder.Services.AddSecurityHeaders();
builder.Services.AddAllowedHosts();

var app = builder.Build();

await app.PrepareDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseReverseProxyHeadersIfConfigured();
app.UseSecurityHeaders();
app.UseTenantResolution();          // before routing: /t/{slug} moves into PathBase
app.UseRouting();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseSignInThrottling();          // sign-in, reset and registration posts: per account and per address
app.UseAuthentication();
app.UseSignedInUser();
app.UseCircuitConnectionIdentity();   // a circuit's practice and member come from its own hub connection
app.UseAuthorization();
app.UseSignInGate();                // a temporary password is replaced, and a required authenticator set up, before anything else
app.UseAntiforgery();

app.MapStaticAssets();
app.MapMedicalHealthChecks();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null); // ours is stricter: 'none'
app.MapAdditionalIdentityEndpoints();
app.MapPracticeEndpoints();

app.AnnounceDevelopmentSignIns();

app.Run();
