using MedicalApp.Tests.TestSupport;

// One PostgreSQL server for the whole run; classes that need it take it in their constructor.
[assembly: AssemblyFixture(typeof(PostgresServer))]
