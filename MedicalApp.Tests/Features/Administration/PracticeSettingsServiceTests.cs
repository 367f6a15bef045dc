using MedicalApp.Data.Entities;
using MedicalApp.Data.Plans;
using MedicalApp.Tests.TestSupport;
using MedicalApp.Web.Features.Administration;
using MedicalApp.Web.Features.Plans;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Tests.Features.Administration;

/// <summary>Practice settings through their service, on both databases: rules, owner-only address, logo, read-only.</summary>
public abstract class PracticeSettingsServiceTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task Name_and_time_zone_are_saved_and_audited()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);

        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Admin).UpdateGeneralAsync(new GeneralSettingsInput { Name = "  Lotus Family Clinic ", TimeZoneId = "Asia/Dubai" }));

        var view = await practice.Settings.GetAsync();
        Assert.Equal(("Lotus Family Clinic", "Asia/Dubai"), (view.Name, view.TimeZoneId));
        var audit = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == AuditActions.PracticeSettingsChanged);
        Assert.Contains("Asia/Dubai", audit.Details, StringComparison.Ordinal);
        Assert.Equal(nameof(Practice), audit.EntityType);
    }

    [Fact]
    public async Task A_settings_save_over_a_newer_change_is_refused_and_a_logo_upload_counts_as_one()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var opened = await practice.Settings.GetAsync();

        // Another admin renames the practice; this one's letterhead, filled before that, is not saved.
        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Owner).UpdateGeneralAsync(new GeneralSettingsInput { Name = "Lotus Clinic", TimeZoneId = opened.TimeZoneId, Version = opened.Version }));
        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Stale, practice.SettingsAs(practice.Admin).UpdateLetterheadAsync(new LetterheadInput { Address = "9 Beach Road, Chennai", Version = opened.Version }));

        Assert.Equal(ChangeResult.StaleMessage("practice's settings"), refused.Message);
        var now = await practice.Settings.GetAsync();
        Assert.Equal(("Lotus Clinic", opened.LetterheadAddress, opened.Version + 1), (now.Name, now.LetterheadAddress, now.Version));
        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Admin).UpdateLetterheadAsync(new LetterheadInput { Address = "9 Beach Road, Chennai", Version = now.Version }));
        Assert.Equal("9 Beach Road, Chennai", (await practice.Settings.GetAsync()).LetterheadAddress);
    }

    [Fact]
    public async Task The_waiting_display_link_and_names_do_not_make_an_open_settings_form_stale()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var opened = await practice.Settings.GetAsync();
        var display = practice.Practice.As(practice.Admin).Get<MedicalApp.Web.Features.WaitingRoom.WaitingDisplayService>();

        // Another tab makes the display link and switches names on: not part of the settings forms, which keep their version.
        var key = await ChangeAssert.DoneAsync(display.CreateLinkAsync());
        await ChangeAssert.DoneAsync(display.SetShowsNamesAsync(true));

        Assert.Equal(opened.Version, (await practice.Settings.GetAsync()).Version);
        Assert.Equal(new MedicalApp.Web.Features.WaitingRoom.WaitingDisplaySettingsView(true, true), await display.GetSettingsAsync());
        var stored = await practice.Practice.WithContextAsync(db => db.Practices.Where(p => p.Id == practice.Id).Select(p => p.Settings.WaitingDisplayKeyHash).SingleAsync());
        Assert.Equal(MedicalApp.Web.Features.WaitingRoom.WaitingDisplayKeys.Hash(key), stored);
        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Owner).UpdateLetterheadAsync(new LetterheadInput { Address = "9 Beach Road, Chennai", Version = opened.Version }));
        Assert.Equal(1, (await practice.AuditEventsAsync()).Count(e => e.Action == AuditActions.WaitingDisplayLinkCreated));
    }

    [Fact]
    public async Task Only_the_owner_requires_two_factor_sign_in_after_using_it_and_even_in_a_read_only_practice()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Trial);
        await practice.Practice.EndTrialAsync();
        var opened = await practice.Settings.GetAsync();

        var byAdmin = await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, practice.SettingsAs(practice.Admin).SetMfaRequirementAsync(true));
        Assert.Equal(PracticeSettingsService.MfaOwnerOnlyMessage, byAdmin.Message);
        var ownerFirst = await ChangeAssert.OutcomeAsync(ChangeOutcome.Refused, practice.SettingsAs(practice.Owner).SetMfaRequirementAsync(true));
        Assert.Equal(PracticeSettingsService.MfaOwnerFirstMessage, ownerFirst.Message);
        Assert.Equal(new SignInSecurityView(false, false), await practice.SettingsAs(practice.Owner).GetSignInSecurityAsync());

        await using (var global = practice.Practice.Db.CreateContext(null))
        {
            (await global.Users.SingleAsync(u => u.Id == practice.Owner.UserId)).TwoFactorEnabled = true;
            await global.SaveChangesAsync();
        }

        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Owner).SetMfaRequirementAsync(true));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, practice.SettingsAs(practice.Owner).SetMfaRequirementAsync(true)); // already so: nothing changes, nothing is recorded
        Assert.Equal(new SignInSecurityView(true, true), await practice.SettingsAs(practice.Owner).GetSignInSecurityAsync());
        Assert.Equal(new SignInSecurityView(true, false), await practice.SettingsAs(practice.Admin).GetSignInSecurityAsync());
        Assert.True((await practice.Practice.TenantAsync()).RequireMfaForAdministrators);
        Assert.True((await practice.Directory.FindBySlugAsync(practice.Slug))!.RequireMfaForAdministrators);
        // A settings form opened before is not made stale by the switch.
        Assert.Equal(opened.Version, (await practice.Settings.GetAsync()).Version);

        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Owner).SetMfaRequirementAsync(false));
        Assert.False((await practice.Practice.TenantAsync()).RequireMfaForAdministrators);
        var changes = (await practice.AuditEventsAsync()).Where(e => e.Action == AuditActions.MfaRequirementChanged).ToList();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, e => Assert.Equal(practice.Owner.UserId, e.UserId));
    }

    [Theory]
    [InlineData("A", "Asia/Kolkata", "Name")]
    [InlineData("", "Asia/Kolkata", "Name")]
    [InlineData("Lotus Clinic", "Mars/Olympus_Mons", "TimeZoneId")]
    [InlineData("Lotus Clinic", "India Standard Time", "TimeZoneId")] // a Windows name, not an IANA zone
    [InlineData("Lotus Clinic", "", "TimeZoneId")]
    public async Task Wrong_general_settings_are_refused_field_by_field(string name, string timeZone, string field)
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.SettingsAs(practice.Owner).UpdateGeneralAsync(new GeneralSettingsInput { Name = name, TimeZoneId = timeZone }));

        Assert.Equal(field, Assert.Single(refused.FieldErrors).Key);
        var tenant = await practice.Practice.TenantAsync();
        Assert.Equal(("Practice " + practice.Slug, "Asia/Kolkata"), (tenant.Name, tenant.TimeZoneId));
    }

    [Fact]
    public async Task The_letterhead_is_saved_tidied_and_wrong_values_are_refused()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var wrong = new LetterheadInput
        {
            Address = new string('a', 501), Phone = "call us", Email = "Clinic <desk@lotus.in>", RegistrationLine = new string('r', 201),
        };
        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.SettingsAs(practice.Admin).UpdateLetterheadAsync(wrong));
        Assert.Equal(new[] { "Address", "Email", "Phone", "RegistrationLine" }, refused.FieldErrors.Keys.Order());
        foreach (var email in new[] { "not-an-email", "desk@lotus", "desk@@lotus.in" })
        {
            var bad = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.SettingsAs(practice.Admin).UpdateLetterheadAsync(new LetterheadInput { Email = email }));
            Assert.Equal("Email", Assert.Single(bad.FieldErrors).Key);
        }

        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Admin).UpdateLetterheadAsync(new LetterheadInput
        {
            Address = " 12 Second Avenue, Anna Nagar, Chennai 600040 ", Phone = "+91 98400 12345", Email = " desk@lotus.in ",
            RegistrationLine = "Clinical Establishment Reg. No. TN/CHN/2024/0123",
        }));

        var settings = (await practice.Practice.TenantAsync()).Settings;
        Assert.Equal("12 Second Avenue, Anna Nagar, Chennai 600040", settings.LetterheadAddress);
        Assert.Equal("+91 98400 12345", settings.LetterheadPhone);
        Assert.Equal("desk@lotus.in", settings.LetterheadEmail);
        Assert.Equal("Clinical Establishment Reg. No. TN/CHN/2024/0123", settings.RegistrationLine);
        Assert.Contains(await practice.AuditEventsAsync(), e => e.Action == AuditActions.PracticeSettingsChanged && e.Details!.Contains("letterhead", StringComparison.Ordinal));

        // Emptying a field clears it.
        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Admin).UpdateLetterheadAsync(new LetterheadInput { Address = "12 Second Avenue", Phone = " ", Email = null, RegistrationLine = "" }));
        settings = (await practice.Practice.TenantAsync()).Settings;
        Assert.Equal(("12 Second Avenue", null, null, null), (settings.LetterheadAddress, settings.LetterheadPhone, settings.LetterheadEmail, settings.RegistrationLine));
    }

    [Fact]
    public async Task The_owner_changes_the_address_and_the_old_one_leads_to_the_new_one()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var newSlug = "Lotus-" + Guid.NewGuid().ToString("N")[..8];
        Assert.NotNull(await practice.Directory.FindBySlugAsync(practice.Slug)); // now cached

        var stored = await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Owner).ChangeSlugAsync("  " + newSlug + " "));

        Assert.Equal(newSlug.ToLowerInvariant(), stored);
        Assert.Equal(stored, (await practice.Practice.TenantAsync()).Slug);
        Assert.Null(await practice.Directory.FindBySlugAsync(practice.Slug));
        Assert.Equal(practice.Id, (await practice.Directory.FindBySlugAsync(stored))!.Id);
        // The old address now leads to the new one.
        Assert.Equal(stored, await practice.Directory.FindMovedAsync(practice.Slug));
        Assert.Null(await practice.Directory.FindMovedAsync(stored));
        var audit = Assert.Single(await practice.AuditEventsAsync(), e => e.Action == AuditActions.PracticeAddressChanged);
        Assert.Contains(practice.Slug, audit.Details, StringComparison.Ordinal);
        Assert.Contains(stored, audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", "reserved")]
    [InlineData("platform", "reserved")]
    [InlineData("ab", "3–40 characters")]
    [InlineData("-lotus", "3–40 characters")]
    [InlineData("lotus-", "3–40 characters")]
    [InlineData("lotus_clinic", "3–40 characters")]
    [InlineData("lotus clinic", "3–40 characters")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "3–40 characters")] // 41 characters
    [InlineData("", "Enter the new address")]
    public async Task Reserved_and_malformed_addresses_are_refused(string slug, string message)
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.SettingsAs(practice.Owner).ChangeSlugAsync(slug));

        Assert.Contains(message, refused.FieldErrors["Slug"], StringComparison.Ordinal);
        Assert.Equal(practice.Slug, (await practice.Practice.TenantAsync()).Slug);
    }

    [Fact]
    public async Task An_address_taken_by_another_practice_or_the_current_one_is_refused()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var other = await PracticeUnderTest.CreateAsync(fixture);

        var taken = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.SettingsAs(practice.Owner).ChangeSlugAsync(other.Slug));
        Assert.Equal(PracticeSettingsService.SlugTakenMessage, taken.FieldErrors["Slug"]);
        var same = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.SettingsAs(practice.Owner).ChangeSlugAsync(practice.Slug));
        Assert.Equal(PracticeSettingsService.SameSlugMessage, same.FieldErrors["Slug"]);
        Assert.Equal(practice.Slug, (await practice.Practice.TenantAsync()).Slug);
    }

    [Fact]
    public async Task Only_the_owner_may_change_the_address()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, practice.SettingsAs(practice.Admin).ChangeSlugAsync("lotus-" + Guid.NewGuid().ToString("N")[..6]));
        Assert.Contains("owner", refused.Message, StringComparison.Ordinal);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, practice.SettingsAs(practice.Receptionist).ChangeSlugAsync("lotus-" + Guid.NewGuid().ToString("N")[..6]));
        // The owner of another practice is not the owner here.
        var other = await PracticeUnderTest.CreateAsync(fixture);
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, practice.SettingsAs(other.Owner).ChangeSlugAsync("lotus-" + Guid.NewGuid().ToString("N")[..6]));

        Assert.Equal(practice.Slug, (await practice.Practice.TenantAsync()).Slug);
    }

    [Fact]
    public async Task A_real_png_becomes_the_logo_in_the_file_store()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var png = TestImages.OnePixelPng();

        var logo = await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Admin).UploadLogoAsync(new MemoryStream(png), "clinic-logo.png"));

        var file = Assert.Single(await practice.StoredFilesAsync());
        Assert.Equal((logo.FileId, StoredFilePurpose.Logo, "image/png", (long)png.Length, "clinic-logo.png"),
            (file.Id, file.Purpose, file.ContentType, file.SizeBytes, file.FileName));
        Assert.Matches("^logo/[0-9a-f-]{36}\\.png$", file.StorageKey);
        Assert.Equal(file.Id, (await practice.Practice.TenantAsync()).Settings.LogoFileId);
        Assert.Equal(png, await File.ReadAllBytesAsync(Path.Combine(practice.FolderOnDisk, file.StorageKey)));
        Assert.Equal(png.Length, await PlanLimitCountAsync(practice));

        var content = await practice.Settings.OpenLogoAsync();
        Assert.NotNull(content);
        await using (content.Content)
        {
            using var read = new MemoryStream();
            await content.Content.CopyToAsync(read);
            Assert.Equal(png, read.ToArray());
            Assert.Equal("image/png", content.ContentType);
        }

        Assert.Contains(await practice.AuditEventsAsync(), e => e.Action == AuditActions.PracticeLogoChanged);
        Assert.Equal(logo.FileId, (await practice.Settings.GetAsync()).Logo!.FileId);
    }

    [Fact]
    public async Task Jpeg_and_webp_are_recognised_by_their_content_whatever_the_name()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);

        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Admin).UploadLogoAsync(new MemoryStream(TestImages.JpegHeader()), "logo.png"));
        var jpeg = Assert.Single(await practice.StoredFilesAsync());
        Assert.Equal("image/jpeg", jpeg.ContentType);
        Assert.EndsWith(".jpg", jpeg.StorageKey, StringComparison.Ordinal);

        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Admin).UploadLogoAsync(new MemoryStream(TestImages.WebPHeader()), "logo"));
        var webp = Assert.Single(await practice.StoredFilesAsync());
        Assert.Equal("image/webp", webp.ContentType);
        Assert.EndsWith(".webp", webp.StorageKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_file_renamed_png_is_refused_and_nothing_is_stored()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.SettingsAs(practice.Admin).UploadLogoAsync(new MemoryStream(TestImages.TextFile()), "logo.png"));

        Assert.Equal(LogoImage.Kind.WrongFormatMessage, refused.FieldErrors["Logo"]);
        Assert.Empty(await practice.StoredFilesAsync());
        Assert.Empty(practice.FilesOnDisk());
        Assert.Null((await practice.Practice.TenantAsync()).Settings.LogoFileId);
    }

    [Fact]
    public async Task A_logo_over_2_MB_is_refused_and_nothing_is_stored()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.Invalid, practice.SettingsAs(practice.Admin).UploadLogoAsync(new MemoryStream(TestImages.OversizedPng()), "big.png"));

        Assert.Contains("at most 2 MB", refused.FieldErrors["Logo"], StringComparison.Ordinal);
        Assert.Empty(await practice.StoredFilesAsync());
        Assert.Empty(practice.FilesOnDisk());
    }

    [Fact]
    public async Task The_storage_limit_refuses_a_logo_and_leaves_no_file_behind()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        await practice.Practice.UpdateAsync(t => t.Limits.MaxStorageBytes = 20);

        var refused = await ChangeAssert.OutcomeAsync(ChangeOutcome.LimitReached, practice.SettingsAs(practice.Admin).UploadLogoAsync(new MemoryStream(TestImages.OnePixelPng()), "logo.png"));

        Assert.Contains("Your Basic plan allows 20 bytes of files", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await practice.StoredFilesAsync());
        Assert.Empty(practice.FilesOnDisk());
        Assert.Null((await practice.Practice.TenantAsync()).Settings.LogoFileId);
    }

    [Fact]
    public async Task Replacing_the_logo_removes_the_previous_row_and_file_and_counts_only_the_difference()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        var first = await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Admin).UploadLogoAsync(new MemoryStream(TestImages.OnePixelPng()), "first.png"));
        var firstKey = Assert.Single(await practice.StoredFilesAsync()).StorageKey;
        // Room for one logo only: the replacement fits because the old one goes in the same transaction.
        await practice.Practice.UpdateAsync(t => t.Limits.MaxStorageBytes = TestImages.OnePixelPng().Length);

        var second = await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Owner).UploadLogoAsync(new MemoryStream(TestImages.JpegHeader()), "second.jpg"));

        var file = Assert.Single(await practice.StoredFilesAsync());
        Assert.Equal(second.FileId, file.Id);
        Assert.NotEqual(first.FileId, file.Id);
        Assert.Equal(second.FileId, (await practice.Practice.TenantAsync()).Settings.LogoFileId);
        Assert.False(File.Exists(Path.Combine(practice.FolderOnDisk, firstKey)));
        Assert.Single(practice.FilesOnDisk());
        Assert.Contains(await practice.AuditEventsAsync(), e => e.Action == AuditActions.PracticeLogoChanged && e.Details!.Contains("replacing “first.png”", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Removing_the_logo_removes_its_row_and_file()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);
        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Admin).UploadLogoAsync(new MemoryStream(TestImages.OnePixelPng()), "logo.png"));

        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Admin).RemoveLogoAsync());

        Assert.Empty(await practice.StoredFilesAsync());
        Assert.Empty(practice.FilesOnDisk());
        Assert.Null((await practice.Practice.TenantAsync()).Settings.LogoFileId);
        Assert.Null(await practice.Settings.OpenLogoAsync());
        Assert.Null((await practice.Settings.GetAsync()).Logo);
        Assert.Contains(await practice.AuditEventsAsync(), e => e.Action == AuditActions.PracticeLogoRemoved);
    }

    [Fact]
    public async Task A_read_only_practice_refuses_every_settings_change()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture, PracticePlan.Trial);
        await ChangeAssert.DoneAsync(practice.SettingsAs(practice.Owner).UploadLogoAsync(new MemoryStream(TestImages.OnePixelPng()), "logo.png"));
        await practice.Practice.EndTrialAsync();

        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.SettingsAs(practice.Owner).UpdateGeneralAsync(new GeneralSettingsInput { Name = "Renamed clinic", TimeZoneId = "Asia/Dubai" }));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.SettingsAs(practice.Owner).UpdateLetterheadAsync(new LetterheadInput { Email = "desk@lotus.in" }));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.SettingsAs(practice.Owner).ChangeSlugAsync("lotus-" + Guid.NewGuid().ToString("N")[..6]));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.SettingsAs(practice.Owner).UploadLogoAsync(new MemoryStream(TestImages.JpegHeader()), "logo.jpg"));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.ReadOnly, practice.SettingsAs(practice.Owner).RemoveLogoAsync());

        var tenant = await practice.Practice.TenantAsync();
        Assert.Equal(("Practice " + practice.Slug, practice.Slug, "Asia/Kolkata", null), (tenant.Name, tenant.Slug, tenant.TimeZoneId, tenant.Settings.LetterheadEmail));
        Assert.Equal("image/png", Assert.Single(await practice.StoredFilesAsync()).ContentType);
        Assert.Single(practice.FilesOnDisk());
        Assert.True((await practice.Settings.GetAsync()).IsReadOnly);
    }

    [Fact]
    public async Task Members_who_are_not_administrators_cannot_change_settings()
    {
        var practice = await PracticeUnderTest.CreateAsync(fixture);

        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, practice.SettingsAs(practice.Receptionist).UpdateGeneralAsync(new GeneralSettingsInput { Name = "Renamed clinic", TimeZoneId = "Asia/Kolkata" }));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, practice.SettingsAs(practice.Receptionist).UploadLogoAsync(new MemoryStream(TestImages.OnePixelPng()), "logo.png"));

        Assert.Equal("Practice " + practice.Slug, (await practice.Practice.TenantAsync()).Name);
        Assert.Empty(await practice.StoredFilesAsync());
    }

    [Fact]
    public async Task Each_practice_sees_and_changes_only_its_own_settings_and_logo()
    {
        var a = await PracticeUnderTest.CreateAsync(fixture);
        var b = await PracticeUnderTest.CreateAsync(fixture);
        await ChangeAssert.DoneAsync(a.SettingsAs(a.Admin).UploadLogoAsync(new MemoryStream(TestImages.OnePixelPng()), "a-logo.png"));

        Assert.Null(await b.Settings.OpenLogoAsync());
        var bView = await b.Settings.GetAsync();
        Assert.Equal((b.Id, "Practice " + b.Slug), (bView.Id, bView.Name));
        Assert.Null(bView.Logo);

        await ChangeAssert.DoneAsync(b.SettingsAs(b.Admin).UpdateGeneralAsync(new GeneralSettingsInput { Name = "B renamed", TimeZoneId = "Asia/Kolkata" }));
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Unchanged, b.SettingsAs(b.Admin).RemoveLogoAsync()); // B has no logo
        // A's administrator acting through B's scope is nobody there.
        await ChangeAssert.OutcomeAsync(ChangeOutcome.Forbidden, b.SettingsAs(a.Admin).RemoveLogoAsync());

        Assert.Equal("Practice " + a.Slug, (await a.Practice.TenantAsync()).Name);
        Assert.NotNull((await a.Practice.TenantAsync()).Settings.LogoFileId);
        Assert.Single(await a.StoredFilesAsync());
        var aLogo = await a.Settings.OpenLogoAsync();
        Assert.NotNull(aLogo);
        await aLogo.Content.DisposeAsync();
    }

    private static async Task<long> PlanLimitCountAsync(PracticeUnderTest practice)
    {
        await using var db = practice.Practice.Context();
        return await PlanLimitService.CountAsync(db, LimitedResource.StorageBytes);
    }
}

public sealed class SqlitePracticeSettingsServiceTests(SqliteDatabaseFixture fixture)
    : PracticeSettingsServiceTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresPracticeSettingsServiceTests(PostgresDatabaseFixture fixture)
    : PracticeSettingsServiceTests(fixture), IClassFixture<PostgresDatabaseFixture>;
