global using MedicalApp.Tests.TestSupport;
