using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.CaseStudies;

/// <summary>The settings form: the stored key is never shown back, only whether there is one.</summary>
public sealed class CaseStudySettingsInput
{
    public bool Enabled { get; set; }

    public string? EndpointUrl { get; set; }

    public string? Model { get; set; }

    /// <summary>A new key; empty keeps the stored one.</summary>
    public string? ApiKey { get; set; }

    public bool RemoveApiKey { get; set; }

    public bool ShareIdentity { get; set; }

    public bool HasApiKey { get; set; }

    public int? Version { get; set; }
}

/// <summary>The practice's generator as the case-study service uses it (the key decrypted).</summary>
public sealed record CaseStudyGenerator(string EndpointUrl, string Model, string? ApiKey, bool ShareIdentity);

/// <summary>
/// The practice's optional language-model endpoint for case studies (administrators: ManageDentalSettings). The API key
/// is encrypted at rest with Data Protection, as the outbox's bodies are; sharing the patient's identity is off unless
/// switched on here.
/// </summary>
public sealed class CaseStudySettingsService(
    IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, PracticeChanges changes, IDataProtectionProvider protection)
{
    private const string ProtectionPurpose = "MedicalApp.CaseStudyGenerator.ApiKey";

    private static readonly ChangeRule ManageSettings = new(
        PracticePermission.ManageDentalSettings, "Only administrators can change the case-study generator.");

    public async Task<CaseStudySettingsInput> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ManageDentalSettings, cancellationToken: cancellationToken);
        var setting = await db.CaseStudyGeneratorSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        return setting is null
            ? new CaseStudySettingsInput()
            : new CaseStudySettingsInput
            {
                Enabled = setting.Enabled, EndpointUrl = setting.EndpointUrl, Model = setting.Model, ShareIdentity = setting.ShareIdentity,
                HasApiKey = setting.ProtectedApiKey is not null, Version = setting.Version,
            };
    }

    public Task<ChangeResult> SaveAsync(CaseStudySettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync(ManageSettings, async change =>
        {
            if (Check(input) is { } invalid)
            {
                return invalid;
            }

            // One row per practice: created here under the practice lock the frame holds.
            var setting = await change.Db.CaseStudyGeneratorSettings.OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
            if (setting is null)
            {
                setting = new CaseStudyGeneratorSetting();
                change.Db.CaseStudyGeneratorSettings.Add(setting);
            }
            else if (StaleEdit.IsStale(input.Version, setting))
            {
                return ChangeResult.Stale("case-study generator setting");
            }

            var changed = new List<string>();
            void Note(bool differs, string what)
            {
                if (differs)
                {
                    changed.Add(what);
                }
            }

            var url = input.EndpointUrl?.Trim() ?? "";
            var model = input.Model?.Trim() ?? "";
            Note(setting.Enabled != input.Enabled, input.Enabled ? "switched it on" : "switched it off");
            Note(setting.EndpointUrl != url, $"endpoint {url}");
            Note(setting.Model != model, $"model {model}");
            Note(setting.ShareIdentity != input.ShareIdentity, input.ShareIdentity ? "shares names, mobiles and dates of birth" : "no longer shares identity");
            (setting.Enabled, setting.EndpointUrl, setting.Model, setting.ShareIdentity) = (input.Enabled, url, model, input.ShareIdentity);
            if (!string.IsNullOrWhiteSpace(input.ApiKey))
            {
                setting.ProtectedApiKey = protection.CreateProtector(ProtectionPurpose).Protect(input.ApiKey.Trim());
                changed.Add("new API key");
            }
            else if (input.RemoveApiKey && setting.ProtectedApiKey is not null)
            {
                setting.ProtectedApiKey = null;
                changed.Add("removed the API key");
            }

            if (changed.Count == 0)
            {
                return ChangeResult.Unchanged();
            }

            setting.UpdatedAtUtc = change.NowUtc;
            setting.UpdatedByUserId = change.Actor.UserId;
            change.Audit(AuditActions.CaseStudySettingsChanged, nameof(CaseStudyGeneratorSetting), setting.Id, $"Case-study generator: {string.Join(", ", changed)}.");
            return ChangeResult.Done("Case-study generator saved.");
        }, cancellationToken);
    }

    /// <summary>The enabled generator with its key decrypted, or null when the practice has none switched on.</summary>
    internal async Task<CaseStudyGenerator?> ReadEnabledAsync(MedicalDbContext db, CancellationToken cancellationToken)
    {
        var setting = await db.CaseStudyGeneratorSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        return setting is { Enabled: true }
            ? new CaseStudyGenerator(setting.EndpointUrl, setting.Model,
                setting.ProtectedApiKey is { } key ? protection.CreateProtector(ProtectionPurpose).Unprotect(key) : null, setting.ShareIdentity)
            : null;
    }

    public static ChangeResult? Check(CaseStudySettingsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var url = input.EndpointUrl?.Trim();
        if (!string.IsNullOrEmpty(url) || input.Enabled)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || url!.Length > 500)
            {
                errors[nameof(input.EndpointUrl)] = "Enter the endpoint's address, e.g. https://api.openai.com/v1 (http or https, at most 500 characters).";
            }
        }

        if (input.Enabled && string.IsNullOrWhiteSpace(input.Model))
        {
            errors[nameof(input.Model)] = "Enter the model's name, e.g. gpt-4o-mini.";
        }
        else if (input.Model?.Trim().Length > 100)
        {
            errors[nameof(input.Model)] = "The model's name can be at most 100 characters.";
        }

        return errors.Count > 0 ? ChangeResult.Invalid(errors) : null;
    }
}
