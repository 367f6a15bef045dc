using MedicalApp.Data;
using MedicalApp.Web.Components;
using MedicalApp.Web.Components.Account;
using MedicalApp.Web.Components.Layout;
using MedicalApp.Web.Components.Shared.Changes;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Features.Dashboards;
using MedicalApp.Web.Features.Dental;
using MedicalApp.Web.Features.Dental.Procedures;
using MedicalApp.Web.Features.Dental.TreatmentPlans;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Features.Home;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Features.Patients;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Features.Prescriptions;
using MedicalApp.Web.Features.Platform;
using MedicalApp.Web.Features.Registration;
using MedicalApp.Web.Features.Reminders;
using MedicalApp.Web.Features.ShortKeys;
using MedicalApp.Web.Features.Staff;
using MedicalApp.Web.Features.WaitingRoom;
using MedicalApp.Web.Hosting;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services;
using MedicalApp.Web.Services.Printing;
using MedicalApp.Web.Tenancy;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMedicalData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddMedicalDataProtection(builder.Configuration, builder.Environment);
builder.Services.AddTenancy(builder.Configuration);
builder.Services.AddMedicalIdentity(builder.Configuration);
builder.Services.AddMudServices(MedicalTheme.ConfigureServices);
builder.Services.AddScoped<ChangeFeedback>();   // how pages show a change's outcome outside a form
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddSharedServices(builder.Configuration);
builder.Services.AddPrinting();
builder.Services.AddRegistration();
builder.Services.AddHome();
builder.Services.AddDashboards();
builder.Services.AddPatients();
builder.Services.AddAppointments();
builder.Services.AddWaitingRoom();
builder.Services.AddConsultations();
builder.Services.AddPrescriptions();
builder.Services.AddMedicines();
builder.Services.AddShortKeys();
builder.Services.AddDentalChart();
builder.Services.AddDentalTreatment();
builder.Services.AddDentalFiles();
builder.Services.AddDoctors();
builder.Services.AddStaff();
builder.Services.AddAdministration();
builder.Services.AddPlans();
builder.Services.AddAuditLog();
builder.Services.AddPlatform();
builder.Services.AddReminders(builder.Configuration);
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
app.MapDoctorEndpoints();
app.MapPrescriptionEndpoints();
app.MapTokenSlipEndpoints();
app.MapTreatmentPlanEndpoints();
app.MapMedicineEndpoints();
app.MapDentalFileEndpoints();
app.MapReminderEndpoints();

app.AnnounceDevelopmentSignIns();

app.Run();
