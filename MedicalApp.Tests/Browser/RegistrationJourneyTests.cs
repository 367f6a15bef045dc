using System.Text.RegularExpressions;
using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// A clinic's first day, in Chromium: the owner registers the practice, confirms it from the mailed link and lands
/// signed in on its own address, adds a
/// doctor, the doctor's invitation arrives at the (test) mail server, and the doctor signs in with the temporary
/// password, is made to choose a new one, and sees the practice.
/// </summary>
public sealed partial class RegistrationJourneyTests(KestrelAppWithSmtpFixture fixture) : IClassFixture<KestrelAppWithSmtpFixture>
{
    [Fact]
    public async Task Register_add_a_doctor_and_the_doctor_signs_in_from_the_emailed_invitation()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var owner = await browser.NewPageAsync();
        var suffix = Guid.NewGuid().ToString("N")[..4];

        await owner.GotoAsync($"{fixture.BaseUrl}/");
        await owner.GetByTestId("register-link").ClickAsync();
        await owner.WaitForURLAsync("**/register");
        var registration = new OwnerRegistration($"Dr. Rao's Eye & Dental Care {suffix}, Chennai", "Dr. Lakshmi Rao",
            $"lakshmi-{suffix}@raoeyecare.test", "monsoon tea at four", Specialization: "Ophthalmology");
        var practiceUrl = await RegistrationSteps.RegisterAsync(browser, owner, fixture.BaseUrl, registration, to => fixture.Smtp.WaitForMessageToAsync(to), "10");

        var slug = $"dr-raos-eye-dental-care-{suffix}-chennai";
        Assert.Equal($"{fixture.BaseUrl}/t/{slug}", practiceUrl);
        await Assertions.Expect(owner.GetByTestId("trial-banner")).ToContainTextAsync("30 days left");
        await browser.ScreenshotAsync(owner, "11-registered-home");

        await owner.GotoAsync($"{fixture.BaseUrl}/t/{slug}/staff");
        await ChromiumSession.WaitForCircuitAsync(owner);
        await owner.GetByTestId("add-member").ClickAsync();
        var doctorEmail = $"arjun-{suffix}@raoeyecare.test";
        await owner.FillAsync("#member-name", "Dr. Arjun Das");
        await owner.FillAsync("#member-email", doctorEmail);
        await owner.GetByRole(AriaRole.Checkbox, new() { Name = "Doctor", Exact = true }).CheckAsync();
        await owner.GetByLabel("Registration number (medical council)").FillAsync("KMC 4411");
        await owner.GetByLabel("Specializations (comma separated)").FillAsync("Paediatrics");
        // Leave the field: its value reaches the circuit on change, and a loaded machine may otherwise validate the
        // dialog before it arrives.
        await owner.GetByLabel("Specializations (comma separated)").PressAsync("Tab");
        await browser.ScreenshotAsync(owner, "12-add-doctor");
        await owner.GetByTestId("save-member").ClickAsync();
        var temporaryPassword = (await owner.GetByTestId("temporary-password").TextContentAsync())!.Trim();
        await browser.ScreenshotAsync(owner, "13-temporary-password");
        await owner.GetByTestId("close-password").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("staff-table")).ToContainTextAsync("Dr. Arjun Das");

        var invitation = await fixture.Smtp.WaitForMessageToAsync(doctorEmail);
        Assert.Contains(temporaryPassword, invitation.TextBody, StringComparison.Ordinal);
        var signInLink = SignInLink().Match(invitation.TextBody ?? "").Value;
        Assert.Equal($"{fixture.BaseUrl}/t/{slug}/Account/Login", signInLink);

        var doctor = await browser.NewPageAsync();
        await doctor.GotoAsync(signInLink);
        await doctor.FillAsync("#Input\\.Email", doctorEmail);
        await doctor.FillAsync("#Input\\.Password", temporaryPassword);
        await doctor.ClickAsync("button[type=submit]");
        await doctor.WaitForURLAsync("**/Account/ChangePassword");
        await Assertions.Expect(doctor.GetByTestId("must-change-password")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(doctor, "14-doctor-must-change-password");
        await doctor.FillAsync("#Input\\.CurrentPassword", temporaryPassword);
        await doctor.FillAsync("#Input\\.NewPassword", "kite flying in january");
        await doctor.FillAsync("#Input\\.ConfirmPassword", "kite flying in january");
        await doctor.ClickAsync("button[type=submit]");
        await doctor.WaitForURLAsync($"{fixture.BaseUrl}/t/{slug}/");
        await Assertions.Expect(doctor.GetByText("Welcome, Dr. Arjun Das.")).ToBeVisibleAsync();
        await Assertions.Expect(doctor.GetByTestId("practice-name")).ToContainTextAsync("Dr. Rao's Eye & Dental Care");
        await browser.ScreenshotAsync(doctor, "15-doctor-home");
    }

    [GeneratedRegex(@"https?://\S+/Account/Login")]
    private static partial Regex SignInLink();
}
