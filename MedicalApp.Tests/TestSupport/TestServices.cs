using MedicalApp.Data;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Features.Appointments;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Consultations;
using MedicalApp.Web.Features.Dashboards;
using MedicalApp.Web.Features.Dental;
using MedicalApp.Web.Features.Dental.Procedures;
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
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Printing;
using MedicalApp.Web.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;

namespace MedicalApp.Tests.TestSupport;

/// <summary>
/// The app's own service registrations (Program.cs: data, tenancy, identity, shared services and every feature) over
/// one test database, so tests get services exactly as a request or circuit does. Only what a test must choose is
/// replaced: the database, and per scope the practice, who is signed in, the client address and the clock.
/// </summary>
public sealed class TestServices : IAsyncDisposable
{
    private readonly ServiceProvider root;

    /// <param name="database">The database every context factory opens (a TestDatabase's, or a wider pool of it).</param>
    /// <param name="settings">Configuration the app would read (the database's settings; the file store root).</param>
    public TestServices(MedicalDatabase database, IReadOnlyDictionary<string, string?> settings, string filesRoot)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Files:Root"] = filesRoot })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IWebHostEnvironment>(new TestHostEnvironment(filesRoot));
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(sp => sp.GetRequiredService<IWebHostEnvironment>());
        services.AddMedicalData(configuration, filesRoot);
        services.AddTenancy(configuration);
        services.AddMedicalIdentity(configuration);
        services.AddSharedServices(configuration);
        services.AddPrinting();
        services.AddRegistration();
        services.AddHome();
        services.AddDashboards();
        services.AddPatients();
        services.AddAppointments();
        services.AddConsultations();
        services.AddPrescriptions();
        services.AddMedicines();
        services.AddShortKeys();
        services.AddDentalChart();
        services.AddDentalTreatment();
        services.AddDentalFiles();
        services.AddDoctors();
        services.AddStaff();
        services.AddAdministration();
        services.AddPlans();
        services.AddAuditLog();
        services.AddPlatform();
        services.AddReminders(configuration);
        services.AddWaitingRoom();

        services.Replace(ServiceDescriptor.Singleton(database));
        // The clock is the app's singleton, but a test sets its own per scope (a fake clock it moves on); singletons
        // that take a clock (the mail outbox) keep the system's, as the root scope's choice.
        services.AddScoped<ScopeClock>();
        services.Replace(ServiceDescriptor.Scoped<TimeProvider>(sp => sp.GetRequiredService<ScopeClock>().Clock));
        root = services.BuildServiceProvider();
    }

    /// <summary>
    /// A scope working inside <paramref name="practiceId"/> (the root, for the platform console, when null) with
    /// <paramref name="member"/> signed in (nobody when null) from <see cref="TestMember.ClientAddress"/>, on
    /// <paramref name="clock"/> (the system's when null), as the app's middleware sets up a request.
    /// </summary>
    public TestScope Scope(Guid? practiceId, TestMember? member, TimeProvider? clock = null)
    {
        // Scopes hold no resources of their own (services open and close their contexts per call), so tests let them go.
        var services = root.CreateScope().ServiceProvider;
        var tenant = services.GetRequiredService<CurrentTenant>();
        if (practiceId is { } id)
        {
            tenant.Set(TestDatabase.TenantFor(id).Practice!);
        }

        if (member is not null)
        {
            // The same account in another practice's scope carries that practice's cookie (and is refused there).
            var principal = (practiceId is { } here && member.PracticeId != here ? member.In(here) : member).Principal();
            services.GetRequiredService<SignedInUser>().BindFrom(principal, tenant);
        }

        services.GetRequiredService<ClientAddress>().SetForCircuit(TestMember.ClientAddress);
        if (clock is not null)
        {
            services.GetRequiredService<ScopeClock>().Clock = clock;
        }

        return new TestScope(services);
    }

    public ValueTask DisposeAsync() => root.DisposeAsync();

    private sealed class ScopeClock
    {
        public TimeProvider Clock { get; set; } = TimeProvider.System;
    }
}

/// <summary>One request's or circuit's services: <c>Get&lt;ClinicLocationService&gt;()</c>.</summary>
public sealed class TestScope(IServiceProvider services)
{
    public IServiceProvider Services { get; } = services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>What FileStore needs from the host: a content root (the store's root is absolute in tests anyway).</summary>
internal sealed class TestHostEnvironment(string contentRoot) : IWebHostEnvironment
{
    public string WebRootPath { get; set; } = contentRoot;

    public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

    public string ApplicationName { get; set; } = "MedicalApp.Tests";

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

    public string ContentRootPath { get; set; } = contentRoot;

    public string EnvironmentName { get; set; } = "Test";
}
