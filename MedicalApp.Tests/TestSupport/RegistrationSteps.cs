using System.Text.RegularExpressions;
using MedicalApp.Web.Features.Registration;
using Microsoft.Playwright;
using MimeKit;

namespace MedicalApp.Tests.TestSupport;

/// <summary>What an owner types into the registration form (an owner who practises may choose typical hours too).</summary>
public sealed record OwnerRegistration(
    string PracticeName, string OwnerName, string Email, string Password, string? Specialization = null, TypicalHours? Hours = null)
{
    public bool AlsoPractises => Specialization is not null;
}

/// <summary>
/// Registration in Chromium as an owner does it, shared by the journeys (Development, production configuration, the
/// production lane): the form at the root, "check your inbox", the mailed link, "Create my practice", then "Continue"
/// to the practice's own address, where the owner lands signed in.
/// </summary>
public static partial class RegistrationSteps
{
    /// <summary>Registers and returns once the owner is on the practice's home page (its address, without the trailing slash).</summary>
    public static async Task<string> RegisterAsync(
        ChromiumSession browser, IPage page, string rootUrl, OwnerRegistration owner, Func<string, Task<MimeMessage>> waitForMail, string screenshotPrefix)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(waitForMail);
        await FillFormAsync(page, rootUrl, owner);
        await browser.ScreenshotAsync(page, $"{screenshotPrefix}-register-form");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("registration-check-inbox")).ToContainTextAsync(owner.Email);
        await browser.ScreenshotAsync(page, $"{screenshotPrefix}-check-inbox");

        var mail = await waitForMail(owner.Email);
        var link = ConfirmationLinkIn(mail);
        Assert.StartsWith($"{rootUrl}/register/confirm?token=", link, StringComparison.Ordinal);
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByTestId("confirm-registration")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, $"{screenshotPrefix}-confirm");
        await page.GetByTestId("confirm-registration").ClickAsync();
        var continueLink = page.GetByTestId("continue-to-practice");
        await Assertions.Expect(continueLink).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, $"{screenshotPrefix}-practice-ready");
        var practiceUrl = (await continueLink.GetAttributeAsync("href"))!.Split("/Account/CompleteRegistration")[0];
        await continueLink.ClickAsync();
        await page.WaitForURLAsync($"{practiceUrl}/");
        await Assertions.Expect(page.GetByTestId("practice-name")).ToHaveTextAsync(owner.PracticeName);
        await Assertions.Expect(page.GetByText($"Welcome, {owner.OwnerName}.")).ToBeVisibleAsync();
        return practiceUrl;
    }

    /// <summary>
    /// Opens the registration form at the root (unless the page is on it already: a second navigation while the link's
    /// own is finishing is aborted, net::ERR_ABORTED) and fills it in (without sending it).
    /// </summary>
    public static async Task FillFormAsync(IPage page, string rootUrl, OwnerRegistration owner)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(owner);
        if (page.Url != $"{rootUrl}/register")
        {
            await page.GotoAsync($"{rootUrl}/register");
        }
        await Assertions.Expect(page.Locator("#Input\\.PracticeName")).ToBeEditableAsync();
        await page.FillAsync("#Input\\.PracticeName", owner.PracticeName);
        await page.FillAsync("#Input\\.PracticePhone", "+91 98400 12345");
        await page.FillAsync("#Input\\.PracticeAddress", "14 Cathedral Road, Chennai 600086");
        await page.FillAsync("#Input\\.OwnerName", owner.OwnerName);
        await page.FillAsync("#Input\\.OwnerEmail", owner.Email);
        await page.FillAsync("#Input\\.OwnerPhone", "98400 54321");
        await page.FillAsync("#Input\\.Password", owner.Password);
        await page.FillAsync("#Input\\.ConfirmPassword", owner.Password);
        if (owner.AlsoPractises)
        {
            await page.CheckAsync("#Input\\.AlsoPractises");
            await page.FillAsync("#Input\\.RegistrationNumber", "TNMC 56789");
            await page.FillAsync("#Input\\.Specialization", owner.Specialization!);
            if (owner.Hours is { } hours)
            {
                await page.CheckAsync($"#Input\\.TypicalHours\\.{hours}");
            }
        }
    }

    /// <summary>Fills the registration form in and sends it.</summary>
    public static async Task SubmitFormAsync(IPage page, string rootUrl, OwnerRegistration owner)
    {
        ArgumentNullException.ThrowIfNull(page);
        await FillFormAsync(page, rootUrl, owner);
        await page.ClickAsync("button[type=submit]");
    }

    /// <summary>The confirmation link a registration mail carries.</summary>
    public static string ConfirmationLinkIn(MimeMessage mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return ConfirmationLink().Match(mail.TextBody ?? "").Value;
    }

    [GeneratedRegex(@"https?://\S+/register/confirm\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex ConfirmationLink();
}
