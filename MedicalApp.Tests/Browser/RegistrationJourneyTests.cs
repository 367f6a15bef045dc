using System.Text.RegularExpressions;
using MedicalApp.Tests.TestSupport;
using Microsoft.Playwright;

namespace MedicalApp.Tests.Browser;

/// <summary>
/// A clinic's first day, in Chromium: the owner registers the practice, confirms it from the mailed link and lands
/// signed in on its own address, invites
/// a doctor, the invitation arrives at the (test) mail server, and the doctor opens its link, chooses a password and
/// lands signed in at the practice.
/// </summary>
public sealed partial class RegistrationJourneyTests(KestrelAppWithSmtpFixture fixture) : IClassFixture<KestrelAppWithSmtpFixture>
{
    [Fact]
    public async Task The_browser_checks_the_phone_patterns_before_anything_is_sent()
    {
        // Chromium compiles `pattern` with the regular expression `v` flag and ignores a pattern that is invalid
        // there (an unescaped "-" in a class was): each phone field must refuse what its rule refuses, in the browser.
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/register");
        async Task<bool> MismatchAsync(string field, string value)
        {
            var input = page.Locator($"[id='{field}']");
            await input.FillAsync(value);
            return await input.EvaluateAsync<bool>("e => e.validity.patternMismatch");
        }

        Assert.False(await MismatchAsync("Input.PracticePhone", "020 2553 1234"));   // a landline is a clinic's number
        Assert.True(await MismatchAsync("Input.PracticePhone", "call us"));
        Assert.False(await MismatchAsync("Input.OwnerPhone", "+91 98400 12345"));
        Assert.True(await MismatchAsync("Input.OwnerPhone", "020 2553 1234"));      // the owner's own phone is a mobile
    }

    [Fact]
    public async Task Register_invite_a_doctor_and_the_doctor_joins_from_the_emailed_link()
    {
        await using var browser = await ChromiumSession.StartAsync();
        var owner = await browser.NewPageAsync();
        var suffix = Guid.NewGuid().ToString("N")[..4];

        await owner.GotoAsync($"{fixture.BaseUrl}/");
        // Clicked once the landing page's circuit is live: a click while it starts was seen to navigate twice (the
        // browser's own and the circuit's), the second interrupting the form's load.
        await ChromiumSession.WaitForCircuitAsync(owner);
        await owner.GetByTestId("register-link").ClickAsync();
        await owner.WaitForURLAsync("**/register");
        await Assertions.Expect(owner.Locator("#Input\\.PracticeName")).ToBeEditableAsync();
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
        await ChromiumSession.SetValueAsync(owner.Locator("#member-name"), "Dr. Arjun Das");
        await ChromiumSession.SetValueAsync(owner.Locator("#member-email"), doctorEmail);
        await owner.GetByRole(AriaRole.Checkbox, new() { Name = "Doctor", Exact = true }).CheckAsync();
        await ChromiumSession.SetValueAsync(owner.GetByLabel("Registration number (medical council)"), "KMC 4411");
        await ChromiumSession.SetValueAsync(owner.GetByLabel("Specializations (comma separated)"), "Paediatrics");
        await browser.ScreenshotAsync(owner, "12-invite-doctor");
        await owner.GetByTestId("save-member").ClickAsync();

        // The answer names nobody but what was typed, and shows no password; the invitation is listed as pending.
        await Assertions.Expect(owner.GetByText($"Invitation sent to {doctorEmail} for Dr. Arjun Das.", new() { Exact = false })).ToBeVisibleAsync();
        var pendingRow = owner.GetByTestId("invitations-table").Locator("tr").Filter(new() { HasText = doctorEmail });
        await Assertions.Expect(pendingRow).ToContainTextAsync("Dr. Arjun Das");
        await Assertions.Expect(pendingRow).ToContainTextAsync("Pending");
        await Assertions.Expect(owner.GetByTestId("staff-table")).Not.ToContainTextAsync("Dr. Arjun Das");
        await browser.ScreenshotAsync(owner, "13-invitation-pending");

        var invitation = await fixture.Smtp.WaitForMessageToAsync(doctorEmail);
        var acceptLink = AcceptLink().Match(invitation.TextBody ?? "").Value;
        Assert.StartsWith($"{fixture.BaseUrl}/t/{slug}/Account/AcceptInvitation?token=", acceptLink, StringComparison.Ordinal);

        var doctor = await browser.NewPageAsync();
        await doctor.GotoAsync(acceptLink);
        await Assertions.Expect(doctor.GetByTestId("invitation-summary")).ToContainTextAsync("Doctor");
        await Assertions.Expect(doctor.Locator("#NewPerson\\.FullName")).ToHaveValueAsync("Dr. Arjun Das");
        await doctor.FillAsync("#NewPerson\\.Password", "kite flying in january");
        await doctor.FillAsync("#NewPerson\\.ConfirmPassword", "kite flying in january");
        await browser.ScreenshotAsync(doctor, "14-doctor-accepts-invitation");
        await doctor.GetByTestId("accept-invitation").ClickAsync();
        await doctor.WaitForURLAsync($"{fixture.BaseUrl}/t/{slug}/");
        await Assertions.Expect(doctor.GetByText("Welcome, Dr. Arjun Das.")).ToBeVisibleAsync();
        await Assertions.Expect(doctor.GetByTestId("practice-name")).ToContainTextAsync("Dr. Rao's Eye & Dental Care");
        await browser.ScreenshotAsync(doctor, "15-doctor-home");

        // Back on the staff page the doctor is a member, with the registration number the owner entered.
        await owner.ReloadAsync();
        await ChromiumSession.WaitForCircuitAsync(owner);
        await Assertions.Expect(owner.GetByTestId("staff-table")).ToContainTextAsync("Dr. Arjun Das");
        await Assertions.Expect(owner.GetByTestId("staff-table")).ToContainTextAsync("KMC 4411");
        await Assertions.Expect(owner.GetByTestId("invitations-table")).ToHaveCountAsync(0);

        // A signed-in member of another practice who gets hold of both links finds nothing to use in either: the
        // invitation is spent, and is not valid at their own practice's address either; the confirmation link is spent.
        var outsider = await browser.NewPageAsync();
        await ChromiumSession.SignInAsync(outsider, $"{fixture.BaseUrl}/t/sunrise", "owner@sunrise.test", MedicalAppFactory.DemoPassword);
        await outsider.GotoAsync(acceptLink);
        await Assertions.Expect(outsider.GetByTestId("invitation-invalid")).ToBeVisibleAsync();
        await browser.ScreenshotAsync(outsider, "16-outsider-spent-invitation");
        await outsider.GotoAsync(acceptLink.Replace($"/t/{slug}/", "/t/sunrise/", StringComparison.Ordinal));
        await Assertions.Expect(outsider.GetByTestId("invitation-invalid")).ToBeVisibleAsync();
        await Assertions.Expect(outsider.GetByTestId("accept-invitation")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(outsider, "17-outsider-invitation-at-own-practice");
        var confirmation = RegistrationSteps.ConfirmationLinkIn(await fixture.Smtp.WaitForMessageToAsync(registration.Email));
        await outsider.GotoAsync(confirmation);
        await Assertions.Expect(outsider.GetByTestId("registration-already-confirmed")).ToBeVisibleAsync();
        await Assertions.Expect(outsider.GetByTestId("confirm-registration")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(outsider, "18-outsider-spent-confirmation");
    }

    [GeneratedRegex(@"https?://\S+/Account/AcceptInvitation\?token=[A-Za-z0-9_-]{43}")]
    private static partial Regex AcceptLink();
}
