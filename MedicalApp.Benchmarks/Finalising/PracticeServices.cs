using System.Security.Claims;
using MedicalApp.Data;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalApp.Benchmarks.Finalising;

/// <summary>
/// The app's own service registrations for what a consultation needs, over the benchmark's database as the
/// application role: the same <c>Add…()</c> calls Program.cs makes (data, tenancy, identity, shared services, plans,
/// appointments, medicines, consultations), in a plain <see cref="ServiceCollection"/> without a web host. Nothing is
/// replaced: the consultation service, the change frame (<c>PracticeChanges</c>), the actor read from the database, the
/// context factory with its tenant interceptor and the system clock are the app's.
/// </summary>
public sealed class PracticeServices : IAsyncDisposable
{
    /// <summary>The address the benchmark's doctors act from (documentation range, RFC 5737), as a circuit's client address.</summary>
    public const string ClientAddressOfDoctors = "203.0.113.40";

    private readonly ServiceProvider root;

    public PracticeServices(BenchmarkDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Postgres"] = database.ConnectionString(DatabaseRole.Application),
                ["ConnectionStrings:PostgresPlatform"] = database.ConnectionString(DatabaseRole.Platform),
                ["Tenancy:RootDomain"] = "localhost",
                ["Email:PublicBaseUrl"] = "http://localhost",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddMedicalData(configuration, AppContext.BaseDirectory);
        services.AddTenancy(configuration);
        services.AddMedicalIdentity(configuration);
        services.AddSharedServices(configuration);
        services.AddPlans();
        services.AddAppointments();
        services.AddMedicines();
        services.AddConsultations();
        root = services.BuildServiceProvider();
    }

    /// <summary>
    /// The services of one doctor's open consultation page: a scope like a circuit's, bound to the practice and to the
    /// doctor's account as <c>PracticeCircuitBinding</c> binds a circuit (the practice from the address, the account
    /// from the sign-in cookie issued for that practice). Who the doctor is, their roles and doctor profile, is read
    /// from the database by every change, as in the app.
    /// </summary>
    public DoctorSession SignIn(TenantSnapshot practice, Guid userId)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var tenant = services.GetRequiredService<CurrentTenant>();
        tenant.Set(practice);
        var identity = new ClaimsIdentity("Identity.Application", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, userId.ToString()));
        identity.AddClaim(new Claim(MedicalClaimTypes.Practice, practice.Id.ToString()));
        services.GetRequiredService<SignedInUser>().BindFrom(new ClaimsPrincipal(identity), tenant);
        services.GetRequiredService<ClientAddress>().SetForCircuit(ClientAddressOfDoctors);
        return new DoctorSession(scope, services.GetRequiredService<ConsultationService>(), services.GetRequiredService<ConsultationQueries>());
    }

    public ValueTask DisposeAsync() => root.DisposeAsync();
}

/// <summary>One doctor's consultation services, as their consultation page uses them.</summary>
public sealed class DoctorSession(AsyncServiceScope scope, ConsultationService consultations, ConsultationQueries queries) : IAsyncDisposable
{
    public ConsultationService Consultations { get; } = consultations;

    public ConsultationQueries Queries { get; } = queries;

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
