using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Data.Tenancy;
using MedicalApp.Web.Features.Audit;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.ShortKeys;

/// <summary>A short key in the list: what it holds, whose it is, how often it was used, and whether the reader may change it.</summary>
public sealed record ShortKeyRow(
    Guid Id, string Code, string Name, bool IsShared, string? CreatedBy, bool IsMine, bool IsActive, IReadOnlyList<string> Medicines,
    int TimesUsed, DateTime? LastUsedAtUtc, bool MayEdit, int Version);

/// <summary>A short key opened for editing, with each line's medicine as the picker shows it.</summary>
public sealed record ShortKeyDetails(Guid Id, ShortKeyInput Input, IReadOnlyList<bool> LineAvailable);

/// <summary>
/// Short keys: list, create, edit (code, name, sharing and ordered lines), deactivate, reactivate and delete. Any doctor
/// or administrator creates keys (WriteShortKeys); a key is changed only by its creator or by someone who may manage all
/// short keys (administrators), whether it is personal or shared. A personal key is seen only by its creator (and
/// those administrators). Codes are unique per practice whatever their case (stored upper-case).
/// </summary>
public sealed class ShortKeyService(
    IDbContextFactory<MedicalDbContext> contextFactory,
    PracticeActors actors,
    PracticeChanges changes)
{
    private static readonly ChangeRule WriteShortKeys = new(
        PracticePermission.WriteShortKeys, "Only doctors and administrators can write short keys.");

    public const string NotFoundMessage = "This short key does not exist (it may have been deleted).";

    public const string NotYoursMessage = "Only the doctor who created this short key, or an administrator, can change it.";

    /// <summary>The reader's personal keys and every shared key (administrators: everyone's), by code.</summary>
    public async Task<IReadOnlyList<ShortKeyRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.WriteShortKeys, cancellationToken: cancellationToken);
        var keys = await Visible(db.ShortKeys.AsNoTracking(), actor).Include(k => k.Lines)
            .OrderBy(k => k.Code)
            .ToListAsync(cancellationToken);
        var labels = await LabelsAsync(db, keys.SelectMany(k => k.Lines), cancellationToken);
        var creators = await AuditNames.MemberNamesAsync(db, keys.Select(k => k.CreatedByUserId), cancellationToken);
        return [.. keys.Select(k => new ShortKeyRow(
            k.Id, k.Code, k.Name, k.IsShared, k.CreatedByUserId is { } by ? creators.GetValueOrDefault(by) : null, k.CreatedByUserId == actor.UserId,
            k.IsActive, [.. k.Lines.OrderBy(l => l.Position).Select(l => labels.GetValueOrDefault(MedicineLookup.ReferenceOf(l))?.BrandName ?? "(unknown medicine)")],
            k.TimesUsed, k.LastUsedAtUtc, MayChange(actor, k), k.Version))];
    }

    /// <summary>A key the reader may change, as the editor fills its form; null when there is none they may change.</summary>
    public async Task<ShortKeyDetails?> FindForEditAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var actor = await actors.RequireAsync(db, PracticePermission.WriteShortKeys, cancellationToken: cancellationToken);
        var key = await db.ShortKeys.AsNoTracking().Include(k => k.Lines).FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null || !MayChange(actor, key))
        {
            return null;
        }

        var lines = key.Lines.OrderBy(l => l.Position).ToList();
        var labels = await LabelsAsync(db, lines, cancellationToken);
        var available = await MedicineLookup.FindAsync(db, lines.Select(MedicineLookup.ReferenceOf), cancellationToken);
        var input = new ShortKeyInput
        {
            Code = key.Code,
            Name = key.Name,
            IsShared = key.IsShared,
            Version = key.Version,
            Lines = [.. lines.Select(l => new ShortKeyLineInput
            {
                Medicine = labels.GetValueOrDefault(MedicineLookup.ReferenceOf(l)) is { } m ? ChoiceOf(MedicineLookup.ReferenceOf(l).IsGlobal, m) : null,
                Dose = l.Dose, Frequency = l.Frequency, Duration = l.Duration, Timing = l.Timing, Instructions = l.Instructions, Quantity = l.Quantity,
            })],
        };
        return new ShortKeyDetails(key.Id, input, [.. lines.Select(l => available.ContainsKey(MedicineLookup.ReferenceOf(l)))]);
    }

    public Task<ChangeResult<Guid>> CreateAsync(ShortKeyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync<Guid>(WriteShortKeys, async change =>
        {
            if (await CheckAsync(change.Db, input, exceptId: null, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            var key = new ShortKey
            {
                Code = ShortKeyRules.NormalizeCode(input.Code),
                Name = input.Name!.Trim(),
                IsShared = input.IsShared,
                CreatedByUserId = change.Actor.UserId,
                CreatedAtUtc = change.NowUtc,
            };
            AddLines(key, input);
            change.Db.ShortKeys.Add(key);
            change.Audit(AuditActions.ShortKeyCreated, nameof(ShortKey), key.Id, $"Created /{key.Code} “{key.Name}”, {Describe(key)}.");
            return ChangeResult<Guid>.Done(key.Id, $"/{key.Code} created.");
        }, cancellationToken);
    }

    public Task<ChangeResult> UpdateAsync(Guid id, ShortKeyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return changes.RunAsync(WriteShortKeys, async change =>
        {
            var (key, refusal) = await FindToChangeAsync(change, id, cancellationToken);
            if (key is null)
            {
                return refusal!;
            }

            if (StaleEdit.IsStale(input.Version, key))
            {
                return ChangeResult.Stale("short key");
            }

            if (await CheckAsync(change.Db, input, exceptId: id, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            var changed = new List<string>();
            var code = ShortKeyRules.NormalizeCode(input.Code);
            if (key.Code != code)
            {
                changed.Add($"code (was /{key.Code})");
                key.Code = code;
            }

            if (key.Name != input.Name!.Trim())
            {
                changed.Add("name");
                key.Name = input.Name.Trim();
            }

            if (key.IsShared != input.IsShared)
            {
                changed.Add(input.IsShared ? "shared it with the practice" : "made it personal");
                key.IsShared = input.IsShared;
            }

            var before = key.Lines.OrderBy(l => l.Position).Select(LineKey).ToList();
            var after = input.Lines.Select(LineKey).ToList();
            if (!before.SequenceEqual(after))
            {
                changed.Add("medicines");
                change.Db.ShortKeyLines.RemoveRange(key.Lines);
                key.Lines.Clear();
                AddLines(key, input);
                // The key row itself may be unchanged: its version must still move on, or a stale form would pass.
                change.Db.Entry(key).State = EntityState.Modified;
            }

            if (changed.Count == 0)
            {
                return ChangeResult.Unchanged();
            }

            change.Audit(AuditActions.ShortKeyChanged, nameof(ShortKey), id, $"Changed {string.Join(", ", changed)} of /{key.Code}; now {Describe(key)}.");
            return ChangeResult.Done($"/{key.Code} saved.");
        }, cancellationToken);
    }

    /// <summary>Not offered in the prescription editor any more; its code stays taken until it is deleted.</summary>
    public Task<ChangeResult> DeactivateAsync(Guid id, CancellationToken cancellationToken = default) => SetActiveAsync(id, false, cancellationToken);

    public Task<ChangeResult> ReactivateAsync(Guid id, CancellationToken cancellationToken = default) => SetActiveAsync(id, true, cancellationToken);

    /// <summary>Removes the key and its lines (prescriptions copied what they used, so nothing else points at it).</summary>
    public Task<ChangeResult> DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        changes.RunAsync(WriteShortKeys, async change =>
        {
            var (key, refusal) = await FindToChangeAsync(change, id, cancellationToken);
            if (key is null)
            {
                return refusal!;
            }

            change.Db.ShortKeys.Remove(key);
            change.Audit(AuditActions.ShortKeyDeleted, nameof(ShortKey), id,
                $"Deleted /{key.Code} “{key.Name}” ({(key.IsShared ? "shared" : "personal")}, used {key.TimesUsed} times).");
            return ChangeResult.Done($"/{key.Code} deleted.");
        }, cancellationToken);

    /// <summary>Who may change a key: its creator, or a member who may manage everyone's keys.</summary>
    public static bool MayChange(PracticeActor actor, ShortKey key)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(key);
        return actor.May(PracticePermission.ManageAllShortKeys) || (actor.May(PracticePermission.WriteShortKeys) && key.CreatedByUserId == actor.UserId);
    }

    private Task<ChangeResult> SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken) =>
        changes.RunAsync(WriteShortKeys, async change =>
        {
            var (key, refusal) = await FindToChangeAsync(change, id, cancellationToken);
            if (key is null)
            {
                return refusal!;
            }

            if (key.IsActive == active)
            {
                return ChangeResult.Unchanged();
            }

            key.IsActive = active;
            change.Audit(active ? AuditActions.ShortKeyReactivated : AuditActions.ShortKeyDeactivated, nameof(ShortKey), id,
                $"{(active ? "Reactivated" : "Deactivated")} /{key.Code} “{key.Name}”.");
            return ChangeResult.Done($"/{key.Code} {(active ? "reactivated" : "deactivated")}.");
        }, cancellationToken);

    /// <summary>
    /// The key with its lines when the actor may change it. Someone else's personal key reads as not found (its
    /// existence is none of their business); a shared key they did not create is refused.
    /// </summary>
    private static async Task<(ShortKey? Key, ChangeResult? Refusal)> FindToChangeAsync(PracticeChange change, Guid id, CancellationToken cancellationToken)
    {
        var key = await change.Db.ShortKeys.Include(k => k.Lines).FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null || (!key.IsShared && !MayChange(change.Actor, key)))
        {
            return (null, ChangeResult.NotFound(NotFoundMessage));
        }

        return MayChange(change.Actor, key) ? (key, null) : (null, ChangeResult.Forbidden(NotYoursMessage));
    }

    /// <summary>The rules, then what only the database knows: the code is free, and every medicine may still be used.</summary>
    private static async Task<ChangeResult?> CheckAsync(MedicalDbContext db, ShortKeyInput input, Guid? exceptId, CancellationToken cancellationToken)
    {
        if (ShortKeyRules.Check(input) is { } invalid)
        {
            return invalid;
        }

        var code = ShortKeyRules.NormalizeCode(input.Code);
        if (await db.ShortKeys.AnyAsync(k => k.Code == code && k.Id != exceptId, cancellationToken))
        {
            return ChangeResult.Invalid(nameof(ShortKeyInput.Code), ShortKeyRules.CodeTakenMessage(code));
        }

        var usable = await MedicineLookup.FindAsync(db, input.Lines.Select(l => l.Medicine!.Reference), cancellationToken);
        var errors = input.Lines
            .Select((line, index) => (line, index))
            .Where(l => !usable.ContainsKey(l.line.Medicine!.Reference))
            .ToDictionary(
                l => ShortKeyRules.LineField(l.index, nameof(ShortKeyLineInput.Medicine)),
                l => $"{l.line.Medicine!.BrandName} is no longer offered to your practice (hidden or deactivated). Choose another medicine.");
        return errors.Count > 0 ? ChangeResult.Invalid(errors) : null;
    }

    private static void AddLines(ShortKey key, ShortKeyInput input)
    {
        foreach (var line in input.Lines)
        {
            var (isGlobal, medicineId) = line.Medicine!.Reference;
            key.Lines.Add(new ShortKeyLine
            {
                Position = key.Lines.Count + 1,
                GlobalMedicineId = isGlobal ? medicineId : null,
                PracticeMedicineId = isGlobal ? null : medicineId,
                Dose = Tidy(line.Dose),
                Frequency = Tidy(line.Frequency),
                Duration = Tidy(line.Duration),
                Timing = line.Timing,
                Instructions = Tidy(line.Instructions),
                Quantity = line.Quantity,
            });
        }
    }

    private static string? Tidy(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static object LineKey(ShortKeyLine l) =>
        (MedicineLookup.ReferenceOf(l), l.Dose, l.Frequency, l.Duration, l.Timing, l.Instructions, l.Quantity);

    private static object LineKey(ShortKeyLineInput l) =>
        (l.Medicine!.Reference, Tidy(l.Dose), Tidy(l.Frequency), Tidy(l.Duration), l.Timing, Tidy(l.Instructions), l.Quantity);

    private static string Describe(ShortKey key) =>
        $"{(key.IsShared ? "shared" : "personal")}, {key.Lines.Count} medicine{(key.Lines.Count == 1 ? "" : "s")}";

    private static IQueryable<ShortKey> Visible(IQueryable<ShortKey> keys, PracticeActor actor) =>
        actor.May(PracticePermission.ManageAllShortKeys) ? keys : keys.Where(k => k.IsShared || k.CreatedByUserId == actor.UserId);

    /// <summary>The medicines the lines name, whether or not they may still be used (for labels).</summary>
    internal static async Task<Dictionary<(bool IsGlobal, Guid Id), IMedicine>> LabelsAsync(
        MedicalDbContext db, IEnumerable<ShortKeyLine> lines, CancellationToken cancellationToken)
    {
        var references = lines.Select(MedicineLookup.ReferenceOf).Distinct().ToList();
        var globalIds = references.Where(r => r.IsGlobal).Select(r => r.Id).ToList();
        var ownIds = references.Where(r => !r.IsGlobal).Select(r => r.Id).ToList();
        var found = new Dictionary<(bool IsGlobal, Guid Id), IMedicine>();
        foreach (var global in await db.GlobalMedicines.AsNoTracking().Where(g => globalIds.Contains(g.Id)).ToListAsync(cancellationToken))
        {
            found[(true, global.Id)] = global;
        }

        foreach (var own in await db.PracticeMedicines.AsNoTracking().Where(p => ownIds.Contains(p.Id)).ToListAsync(cancellationToken))
        {
            found[(false, own.Id)] = own;
        }

        return found;
    }

    internal static MedicineChoice ChoiceOf(bool isGlobal, IMedicine medicine) => new(
        isGlobal, medicine.Id, medicine.BrandName, medicine.GenericName, medicine.Strength, medicine.DosageForm, medicine.DrugClass,
        medicine switch { GlobalMedicine g => g.Schedule, PracticeMedicine p => p.Schedule, _ => MedicineSchedule.OTC }, 0);
}
