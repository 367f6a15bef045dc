using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.Templates;

/// <summary>
/// Dental note templates: the reader's personal ones and the practice's shared ones, matched to an observation and
/// ranked (<see cref="DentalNoteTemplateMatching"/>); created, changed and deleted by doctors and administrators
/// (WriteDentalTemplates). A personal template belongs to a doctor and is seen and changed by that doctor only; a shared
/// one is changed by whoever created it or by an administrator (ManageDentalSettings). Short codes are unique per
/// practice whatever their case (stored upper-case).
/// </summary>
public sealed class DentalNoteTemplateService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PracticeChanges changes)
{
    public const string NotFoundMessage = "This template does not exist (it may have been deleted).";
    public const string NotYoursMessage = "Only the member who created this shared template, or an administrator, can change it.";

    private static readonly ChangeRule WriteTemplates = new(
        PracticePermission.WriteDentalTemplates, "Only doctors and administrators write dental note templates.");

    /// <summary>Every template the reader may use: their personal ones and the shared ones, by display order.</summary>
    public async Task<IReadOnlyList<DentalNoteTemplateRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.ViewDentalRecords, cancellationToken: cancellationToken);
        var templates = await db.DentalNoteTemplates.AsNoTracking()
            .Where(t => t.OwnerDoctorProfileId == null || t.OwnerDoctorProfileId == actor.DoctorProfileId)
            .OrderBy(t => t.DisplayOrder).ThenBy(t => t.Text)
            .ToListAsync(cancellationToken);
        return [.. templates.Select(t => RowOf(t, actor))];
    }

    /// <summary>The templates that fit an observation, best first (see <see cref="DentalNoteTemplateMatching"/>).</summary>
    public async Task<IReadOnlyList<DentalNoteTemplateRow>> MatchAsync(
        DentalCondition? condition, ToothSurfaces? surfaces, DentalSeverity? severity, CancellationToken cancellationToken = default) =>
        DentalNoteTemplateMatching.Rank(await ListAsync(cancellationToken), condition, surfaces, severity);

    public Task<ChangeResult<Guid>> CreateAsync(DentalNoteTemplateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync<Guid>(WriteTemplates, async change =>
        {
            if (await CheckAsync(change, input, exceptId: null, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            var template = new DentalNoteTemplate
            {
                CreatedByUserId = change.Actor.UserId,
                CreatedAtUtc = change.NowUtc,
            };
            Copy(input, template, change.Actor);
            change.Db.DentalNoteTemplates.Add(template);
            change.Audit(AuditActions.DentalNoteTemplateCreated, nameof(DentalNoteTemplate), template.Id, $"Created {Describe(template)}.");
            return ChangeResult<Guid>.Done(template.Id, "Template saved.");
        }, cancellationToken);
    }

    public Task<ChangeResult> UpdateAsync(Guid id, DentalNoteTemplateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync(WriteTemplates, async change =>
        {
            var (template, refusal) = await FindToChangeAsync(change, id, cancellationToken);
            if (template is null)
            {
                return refusal!;
            }

            if (StaleEdit.IsStale(input.Version, template))
            {
                return ChangeResult.Stale("template");
            }

            if (await CheckAsync(change, input, exceptId: id, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            var before = Describe(template);
            Copy(input, template, change.Actor);
            if (!change.Db.Entry(template).Properties.Any(p => p.IsModified))
            {
                return ChangeResult.Unchanged();
            }

            change.Audit(AuditActions.DentalNoteTemplateChanged, nameof(DentalNoteTemplate), id, $"Was {before}; now {Describe(template)}.");
            return ChangeResult.Done("Template saved.");
        }, cancellationToken);
    }

    public Task<ChangeResult> DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        changes.RunAsync(WriteTemplates, async change =>
        {
            var (template, refusal) = await FindToChangeAsync(change, id, cancellationToken);
            if (template is null)
            {
                return refusal!;
            }

            change.Db.DentalNoteTemplates.Remove(template);
            change.Audit(AuditActions.DentalNoteTemplateDeleted, nameof(DentalNoteTemplate), id, $"Deleted {Describe(template)}.");
            return ChangeResult.Done("Template deleted.");
        }, cancellationToken);

    public static bool MayChange(PracticeActor actor, DentalNoteTemplate template)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(template);
        if (!actor.May(PracticePermission.WriteDentalTemplates))
        {
            return false;
        }

        return template.OwnerDoctorProfileId is { } owner
            ? owner == actor.DoctorProfileId
            : template.CreatedByUserId == actor.UserId || actor.May(PracticePermission.ManageDentalSettings);
    }

    /// <summary>Someone else's personal template reads as not found; a shared one they may not change is refused.</summary>
    private static async Task<(DentalNoteTemplate? Template, ChangeResult? Refusal)> FindToChangeAsync(
        PracticeChange change, Guid id, CancellationToken cancellationToken)
    {
        var template = await change.Db.DentalNoteTemplates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null || (template.OwnerDoctorProfileId is { } owner && owner != change.Actor.DoctorProfileId))
        {
            return (null, ChangeResult.NotFound(NotFoundMessage));
        }

        return MayChange(change.Actor, template) ? (template, null) : (null, ChangeResult.Forbidden(NotYoursMessage));
    }

    private static async Task<ChangeResult?> CheckAsync(PracticeChange change, DentalNoteTemplateInput input, Guid? exceptId, CancellationToken cancellationToken)
    {
        var errors = DentalNoteTemplateRules.Errors(input);
        if (input.IsPersonal && change.Actor.DoctorProfileId is null)
        {
            errors.TryAdd(nameof(input.IsPersonal), "Only a doctor has personal templates; share this one with the practice.");
        }

        if (errors.Count > 0)
        {
            return ChangeResult.Invalid(errors);
        }

        if (DentalNoteTemplateRules.NormalizeCode(input.ShortCode) is { } code
            && await change.Db.DentalNoteTemplates.AnyAsync(t => t.ShortCode == code && t.Id != exceptId, cancellationToken))
        {
            return ChangeResult.Invalid(nameof(input.ShortCode), DentalNoteTemplateRules.CodeTakenMessage(code));
        }

        return null;
    }

    private static void Copy(DentalNoteTemplateInput input, DentalNoteTemplate template, PracticeActor actor)
    {
        template.Condition = input.Condition;
        template.Surfaces = input.Surfaces;
        template.Severity = input.Severity;
        template.Text = input.Text!.Trim();
        template.ShortCode = DentalNoteTemplateRules.NormalizeCode(input.ShortCode);
        template.OwnerDoctorProfileId = input.IsPersonal ? actor.DoctorProfileId : null;
        template.DisplayOrder = input.DisplayOrder;
    }

    private static DentalNoteTemplateRow RowOf(DentalNoteTemplate t, PracticeActor actor) => new(
        t.Id, t.Condition, t.Surfaces, t.Severity, t.Text, t.ShortCode, t.OwnerDoctorProfileId is not null, t.DisplayOrder, MayChange(actor, t), t.Version);

    private static string Describe(DentalNoteTemplate t) =>
        $"{(t.OwnerDoctorProfileId is null ? "shared" : "personal")} template {t.ShortCode ?? ""} “{(t.Text.Length > 60 ? t.Text[..60] + "…" : t.Text)}”".Replace("  ", " ", StringComparison.Ordinal);
}
