using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Printing.Prescriptions;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Prescriptions;

/// <summary>A place a print setting applies to: the practice, a doctor, or a doctor at one location.</summary>
public sealed record PrintScope(Guid? DoctorProfileId, Guid? ClinicLocationId, string Label)
{
    public string Key => PrintSetting.ScopeKeyFor(DoctorProfileId, ClinicLocationId);
}

/// <summary>What the print settings form edits.</summary>
public sealed class PrintSettingInput
{
    public PrintTemplate Template { get; set; } = PrintTemplate.Classic;

    public int MarginMm { get; set; } = 18;

    public PrintLogoPosition LogoPosition { get; set; } = PrintLogoPosition.Centre;

    public decimal FontSizePt { get; set; } = 10m;

    /// <summary>The setting's version the form was filled from; null when the scope had no setting of its own then.</summary>
    public int? Version { get; set; }
}

/// <summary>The fields of <see cref="PrintSettingInput"/> a refusal is keyed by.</summary>
public static class PrintSettingFields
{
    public const string Template = nameof(PrintSettingInput.Template);
    public const string Margin = nameof(PrintSettingInput.MarginMm);
    public const string LogoPosition = nameof(PrintSettingInput.LogoPosition);
    public const string FontSize = nameof(PrintSettingInput.FontSizePt);
}

/// <summary>The scopes the viewer may set, and what each has now (null: it follows the more general one).</summary>
public sealed record PrintSettingsOverview(IReadOnlyList<(PrintScope Scope, PrintSetting? Setting)> Scopes, string PracticeName);

/// <summary>
/// How prescriptions print, per practice, per doctor, or per doctor at one location (the most specific wins, see
/// <see cref="PrescriptionPrinting.LayoutAsync"/>). Administrators set any; a doctor sets their own. Previews render the
/// sample prescription with the practice's name through the same engine, so what is seen is what prints.
/// </summary>
public sealed class PrintSettingService(
    IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, PracticeChanges changes, PrescriptionDocument document)
{
    public const string NotAllowed = "Only an administrator, or the doctor for their own prescriptions, changes how prescriptions print.";

    public const string Record = "print setting";

    private static readonly ChangeRule Rule = new(null, NotAllowed);

    public async Task<PrintSettingsOverview?> OverviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await actors.ReadAsync(db, cancellationToken) is not { } actor)
        {
            return null;
        }

        var manageAll = actor.May(PracticePermission.ManagePrintSettings);
        if (!manageAll && actor.DoctorProfileId is null)
        {
            return null;
        }

        var doctors = await db.DoctorProfiles.AsNoTracking().Where(d => d.IsActive && (manageAll || d.Id == actor.DoctorProfileId))
            .Select(d => new { d.Id, Name = d.Membership!.User!.FullName, Locations = d.Locations.Select(l => new { l.ClinicLocationId, l.ClinicLocation!.Name }).ToList() })
            .OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var scopes = new List<PrintScope>();
        if (manageAll)
        {
            scopes.Add(new PrintScope(null, null, "The whole practice"));
        }

        foreach (var doctor in doctors)
        {
            scopes.Add(new PrintScope(doctor.Id, null, doctor.Name));
            scopes.AddRange(doctor.Locations.OrderBy(l => l.Name).Select(l => new PrintScope(doctor.Id, l.ClinicLocationId, $"{doctor.Name} at {l.Name}")));
        }

        var settings = await db.PrintSettings.AsNoTracking().ToListAsync(cancellationToken);
        var practiceName = await db.Practices.AsNoTracking().Where(p => p.Id == db.CurrentTenantId).Select(p => p.Name).FirstAsync(cancellationToken);
        return new PrintSettingsOverview(scopes.Select(s => (s, settings.FirstOrDefault(x => x.ScopeKey == s.Key))).ToList(), practiceName);
    }

    public Task<ChangeResult> SaveAsync(PrintScope scope, PrintSettingInput input, CancellationToken cancellationToken = default) =>
        changes.RunAsync(Rule, async change =>
        {
            if (!MaySet(change.Actor, scope))
            {
                return ChangeResult.Forbidden(NotAllowed);
            }

            if (Check(input) is { } invalid)
            {
                return invalid;
            }

            if (await ScopeErrorAsync(change.Db, scope, cancellationToken) is { } scopeError)
            {
                return ChangeResult.Refused(scopeError);
            }

            var setting = await change.Db.PrintSettings.FirstOrDefaultAsync(s => s.ScopeKey == scope.Key, cancellationToken);
            // A setting made, changed or removed by someone else since the form was filled is not overwritten.
            if (setting?.Version != input.Version)
            {
                return ChangeResult.Stale(Record);
            }

            if (setting is null)
            {
                setting = new PrintSetting { DoctorProfileId = scope.DoctorProfileId, ClinicLocationId = scope.ClinicLocationId, ScopeKey = scope.Key };
                change.Db.PrintSettings.Add(setting);
            }

            setting.Template = input.Template;
            setting.MarginMm = input.MarginMm;
            setting.LogoPosition = input.LogoPosition;
            setting.FontSizePt = input.FontSizePt;
            setting.UpdatedAtUtc = change.NowUtc;
            change.Audit(AuditActions.PrintSettingsChanged, nameof(PrintSetting), setting.Id,
                $"{scope.Label}: {input.Template}, margins {input.MarginMm} mm, logo {input.LogoPosition}, text {input.FontSizePt} pt");
            // A doctor's name keeps its capitals; only "the whole practice" reads as part of the sentence.
            return ChangeResult.Done($"Prescriptions for {(scope.DoctorProfileId is null ? "the whole practice" : scope.Label)} now print with the {input.Template} template.");
        }, cancellationToken);

    /// <summary>Removes a doctor's own setting, so the more general one applies again.</summary>
    public Task<ChangeResult> RemoveAsync(PrintScope scope, CancellationToken cancellationToken = default) =>
        changes.RunAsync(Rule, async change =>
        {
            if (!MaySet(change.Actor, scope))
            {
                return ChangeResult.Forbidden(NotAllowed);
            }

            var setting = await change.Db.PrintSettings.FirstOrDefaultAsync(s => s.ScopeKey == scope.Key, cancellationToken);
            if (setting is null)
            {
                return ChangeResult.Unchanged("This already follows the general setting.");
            }

            change.Db.PrintSettings.Remove(setting);
            change.Audit(AuditActions.PrintSettingsChanged, nameof(PrintSetting), setting.Id, $"{scope.Label}: follows the general setting again");
            return ChangeResult.Done($"{scope.Label} follows the general setting again.");
        }, cancellationToken);

    /// <summary>The sample prescription, under the practice's name, as it would print with <paramref name="input"/>; null when the input is invalid.</summary>
    public byte[]? Preview(PrintSettingInput input, string practiceName) => Check(input) is null
        ? document.RenderPreviewPng(PrescriptionPrint.Sample() with { LetterheadName = practiceName }, ToLayout(input), dpi: 50)
        : null;

    /// <summary>The form's fields checked by the engine's own rules, each message keyed by the field it is about; null when valid.</summary>
    public static ChangeResult? Check(PrintSettingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeResult.InvalidIfAny(
        [
            new(PrintSettingFields.Template, PrintLayoutRules.TemplateError(Enum.Parse<PrescriptionTemplate>(input.Template.ToString()))),
            new(PrintSettingFields.Margin, PrintLayoutRules.MarginError(input.MarginMm)),
            new(PrintSettingFields.LogoPosition, PrintLayoutRules.LogoPositionError(Enum.Parse<LogoPosition>(input.LogoPosition.ToString()))),
            new(PrintSettingFields.FontSize, PrintLayoutRules.FontSizeError(input.FontSizePt)),
        ]);
    }

    public static PrintSettingInput InputFrom(PrintSetting? setting) => setting is null
        ? new PrintSettingInput()
        : new PrintSettingInput { Template = setting.Template, MarginMm = setting.MarginMm, LogoPosition = setting.LogoPosition, FontSizePt = setting.FontSizePt, Version = setting.Version };

    private static PrintLayout ToLayout(PrintSettingInput input) => PrescriptionPrinting.ToLayout(new PrintSetting
    {
        Template = input.Template, MarginMm = input.MarginMm, LogoPosition = input.LogoPosition, FontSizePt = input.FontSizePt,
    });

    private static bool MaySet(PracticeActor actor, PrintScope scope) =>
        actor.May(PracticePermission.ManagePrintSettings)
        || (scope.DoctorProfileId is { } doctor && doctor == actor.DoctorProfileId && actor.May(PracticePermission.EditOwnDoctorProfile));

    private static async Task<string?> ScopeErrorAsync(MedicalDbContext db, PrintScope scope, CancellationToken cancellationToken)
    {
        if (scope.DoctorProfileId is { } doctor && !await db.DoctorProfiles.AnyAsync(d => d.Id == doctor, cancellationToken))
        {
            return "There is no such doctor in this practice.";
        }

        if (scope.ClinicLocationId is { } location && !await db.DoctorLocations.AnyAsync(l => l.DoctorProfileId == scope.DoctorProfileId && l.ClinicLocationId == location, cancellationToken))
        {
            return "The doctor does not practise at that location.";
        }

        return null;
    }
}
