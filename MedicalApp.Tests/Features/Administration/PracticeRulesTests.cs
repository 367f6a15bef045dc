using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Services.Files;

namespace MedicalApp.Tests.Features.Administration;

/// <summary>The field rules the dialog and the services share, without a database.</summary>
public sealed class PracticeRulesTests
{
    [Theory]
    [InlineData("9840012345", "9840012345")]
    [InlineData("+91 98400 12345", "+91 98400 12345")]
    [InlineData("+91 80 4123 4567", "+91 80 4123 4567")] // a Bengaluru landline shaped like a mobile stays as written
    [InlineData("+91 44 2626 1001", "+91 44 2626 1001")]
    [InlineData("(044) 2626-1001", "(044) 2626-1001")]
    [InlineData("080  4123   4567", "080 4123 4567")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    public void Mobiles_and_landlines_are_accepted(string input, string? stored)
    {
        Assert.True(PracticePhoneNumber.TryNormalize(input, out var normalized));
        Assert.Equal(stored, normalized);
        Assert.Null(ClinicLocationRules.PhoneError(input));
    }

    [Theory]
    [InlineData("12345")]                    // too few digits
    [InlineData("+91 44 2626 1001 2345 67")] // too many digits
    [InlineData("044 2626 1001 ext 5")]      // letters
    [InlineData("44+2626+1001")]             // + in the middle
    [InlineData("+91-44-2626-1001------")]   // longer than the column
    public void Other_phone_numbers_are_refused(string input)
    {
        Assert.False(PracticePhoneNumber.TryNormalize(input, out _));
        Assert.Equal(PracticePhoneNumber.ErrorMessage, PracticeSettingsRules.PhoneError(input));
    }

    [Fact]
    public void Logo_formats_are_recognised_by_content_only()
    {
        Assert.Equal(ImageFormats.Png, LogoImage.Kind.Recognise(TestImages.OnePixelPng()));
        Assert.Equal(ImageFormats.Jpeg, LogoImage.Kind.Recognise(TestImages.JpegHeader()));
        Assert.Equal(ImageFormats.WebP, LogoImage.Kind.Recognise(TestImages.WebPHeader()));
        Assert.Null(LogoImage.Kind.Recognise(TestImages.TextFile()));
        Assert.Null(LogoImage.Kind.Recognise("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8));
        Assert.Null(LogoImage.Kind.Recognise(TestImages.OnePixelPng().AsSpan(0, 8))); // a PNG signature alone is no image
        Assert.Null(LogoImage.Kind.Recognise("GIF89a\x01\x00\x01\x00\x00\x00\x00\x00"u8));
        Assert.Equal(".png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp", LogoImage.Kind.AcceptAttribute);
        Assert.Equal("The logo must be a PNG, JPEG or WebP image; this file is not one, whatever its name says.", LogoImage.Kind.WrongFormatMessage);
        Assert.Equal("The logo must be at most 2 MB; this file is 2.5 MB.", LogoImage.Kind.TooLargeMessage(2_621_440));
    }

    [Fact]
    public void Time_zones_offer_Asia_Kolkata_first_and_accept_only_known_iana_zones()
    {
        Assert.Equal("Asia/Kolkata", PracticeTimeZones.Common[0]);
        Assert.Contains("Asia/Dhaka", PracticeTimeZones.Common);
        Assert.True(PracticeTimeZones.IsValid("Africa/Nairobi"));
        Assert.False(PracticeTimeZones.IsValid("India Standard Time"));
        Assert.False(PracticeTimeZones.IsValid("asia/kolkata"));
        Assert.Equal("Asia/Kolkata (UTC+05:30)", PracticeTimeZones.Describe("Asia/Kolkata"));
        Assert.Contains("America/Los_Angeles", PracticeTimeZones.Search("los angeles"));
        Assert.Equal(PracticeTimeZones.Common, PracticeTimeZones.Search(""));
    }

    [Theory]
    [InlineData("bright-smile", null)]
    [InlineData("Bright-Smile", null)]          // lower-cased on the way in
    [InlineData("abc", null)]
    [InlineData("www", "reserved")]
    [InlineData("t", "3–40 characters")]
    [InlineData("bright--smile-", "3–40 characters")]
    [InlineData("bright.smile", "3–40 characters")]
    public void Slug_rules(string slug, string? expected)
    {
        var error = PracticeSettingsRules.SlugError(slug);
        if (expected is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }
    }
}
