using MedicalApp.Web.Features.Landing;
using MedicalApp.Web.Tenancy;

namespace MedicalApp.Tests.Features.Landing;

/// <summary>The landing page's "Sign in" box reads a practice's address in every form people keep it in.</summary>
public sealed class PracticeAddressInputTests
{
    private static readonly TenancyOptions Tenancy = new() { RootDomain = "medicalapp.in", RoutePrefix = "t" };

    [Theory]
    [InlineData("sunrise")]
    [InlineData("  Sunrise/ ")]
    [InlineData("/t/sunrise")]
    [InlineData("t/sunrise/")]
    [InlineData("/t/sunrise/patients/new")]
    [InlineData("medicalapp.in/t/sunrise")]
    [InlineData("https://medicalapp.in/t/sunrise/Account/Login?ReturnUrl=%2F")]
    [InlineData("http://localhost:5000/t/sunrise/")]
    [InlineData("sunrise.medicalapp.in")]
    [InlineData("SUNRISE.MedicalApp.in/")]
    [InlineData("https://sunrise.medicalapp.in/appointments")]
    public void Every_form_of_the_address_gives_the_slug(string typed)
    {
        var reading = PracticeAddressInput.Read(typed, Tenancy);
        Assert.Equal(("sunrise", (string?)null), (reading.Slug, reading.Error));
    }

    [Theory]
    [InlineData("", PracticeAddressInput.EmptyMessage)]
    [InlineData("   ", PracticeAddressInput.EmptyMessage)]
    [InlineData("medicalapp.in", PracticeAddressInput.RootMessage)]
    [InlineData("https://medicalapp.in/", PracticeAddressInput.RootMessage)]
    [InlineData("ab", PracticeAddressInput.MalformedMessage)]
    [InlineData("admin", PracticeAddressInput.MalformedMessage)]          // reserved: never a practice
    [InlineData("/t/admin", PracticeAddressInput.MalformedMessage)]
    [InlineData("a.b.medicalapp.in", PracticeAddressInput.MalformedMessage)]
    [InlineData("https://evil.example/t", PracticeAddressInput.MalformedMessage)]
    [InlineData("javascript:alert(1)", PracticeAddressInput.MalformedMessage)]
    [InlineData("sun rise clinic", PracticeAddressInput.MalformedMessage)]
    public void Anything_else_is_refused_with_a_message_for_the_field(string typed, string message)
    {
        var reading = PracticeAddressInput.Read(typed, Tenancy);
        Assert.Equal(((string?)null, message), (reading.Slug, reading.Error));
    }

    [Fact]
    public void Another_sites_route_form_still_names_only_a_slug_which_the_app_then_looks_up_on_its_own_site()
    {
        // Only the slug is taken: the page builds the address itself, so a pasted foreign address cannot lead away.
        Assert.Equal("sunrise", PracticeAddressInput.Read("https://evil.example/t/sunrise", Tenancy).Slug);
    }
}
