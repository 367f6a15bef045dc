using MedicalApp.Web.Tenancy;

namespace MedicalApp.Tests.Tenancy;

public sealed class PracticeSlugTests
{
    [Theory]
    [InlineData("Dr. Rao's Eye & Dental Care, Chennai", "dr-raos-eye-dental-care-chennai")]
    [InlineData("Demo Family Clinic", "demo-family-clinic")]
    [InlineData("  Sri Saí Clínica  ", "sri-sai-clinica")]
    [InlineData("A.B.", "a-b")]
    [InlineData("X", "x-practice")]
    [InlineData("डॉ शर्मा क्लिनिक", "practice")]
    [InlineData("Admin", "admin-clinic")]
    [InlineData("The Very Long Name Of A Multi Speciality Hospital And Research Centre", "the-very-long-name-of-a-multi-speciality")]
    [InlineData("123 Dental", "123-dental")]
    public void Slugs_are_derived_from_names_and_always_allowed(string name, string expected)
    {
        var slug = PracticeSlug.FromName(name);
        Assert.Equal(expected, slug);
        Assert.True(PracticeSlug.IsAllowed(slug), slug);
    }

    [Fact]
    public void Suffixes_keep_slugs_within_the_length_limit()
    {
        var slug = PracticeSlug.FromName(new string('x', 40));
        var suffixed = PracticeSlug.WithSuffix(slug, 12);
        Assert.Equal(40, suffixed.Length);
        Assert.EndsWith("-12", suffixed, StringComparison.Ordinal);
        Assert.True(PracticeSlug.IsAllowed(suffixed));
    }
}
