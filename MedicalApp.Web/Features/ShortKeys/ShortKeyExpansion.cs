using MedicalApp.Data;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Medicines;
using MedicalApp.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.ShortKeys;

/// <summary>One line a short key puts into a prescription: the medicine (usable now) and the defaults the doctor may change.</summary>
public sealed record ShortKeyExpandedLine(
    bool IsGlobal, IMedicine Medicine, string? Dose, string? Frequency, string? Duration, MedicineTiming Timing, string? Instructions, int? Quantity)
{
    public (bool IsGlobal, Guid Id) Reference => (IsGlobal, Medicine.Id);
}

/// <summary>
/// What typing <c>/CODE</c> inserts: the key's lines in their order, and the medicines left out because the practice no
/// longer offers them (hidden from the catalogue, withdrawn, or deactivated), by label, so the editor can say so.
/// </summary>
public sealed record ShortKeyExpanded(Guid Id, string Code, string Name, IReadOnlyList<ShortKeyExpandedLine> Lines, IReadOnlyList<string> LeftOut);

/// <summary>A key the actor may type, for the editor's suggestions as "/" is typed.</summary>
public sealed record ShortKeyOffer(string Code, string Name, bool IsShared);

/// <summary>
/// The prescription editor's side of short keys, inside the editor's own context (and transaction): which keys a
/// doctor may use, what one expands to, and counting its use. A personal key is used only by its creator; a shared key
/// by every member who writes prescriptions; a deactivated key by nobody.
/// </summary>
public static class ShortKeyExpansion
{
    public static bool MayUse(PracticeActor actor, ShortKey key)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(key);
        return key.IsActive && actor.May(PracticePermission.WritePrescriptions) && (key.IsShared || key.CreatedByUserId == actor.UserId);
    }

    /// <summary>The keys <paramref name="actor"/> may use, by code.</summary>
    public static async Task<IReadOnlyList<ShortKeyOffer>> OffersAsync(MedicalDbContext db, PracticeActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(PracticePermission.WritePrescriptions) || db.CurrentTenantId != actor.PracticeId)
        {
            return [];
        }

        return await db.ShortKeys.AsNoTracking()
            .Where(k => k.IsActive && (k.IsShared || k.CreatedByUserId == actor.UserId))
            .OrderBy(k => k.Code)
            .Select(k => new ShortKeyOffer(k.Code, k.Name, k.IsShared))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The lines of the key typed as <paramref name="code"/> ("/fever", "FEVER", any case), or null when the practice has
    /// no such active key or <paramref name="actor"/> may not use it.
    /// </summary>
    public static async Task<ShortKeyExpanded?> ExpandAsync(MedicalDbContext db, PracticeActor actor, string code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var normalized = ShortKeyRules.NormalizeCode(code);
        if (normalized.Length == 0 || db.CurrentTenantId != actor.PracticeId)
        {
            return null;
        }

        var key = await db.ShortKeys.AsNoTracking().Include(k => k.Lines).FirstOrDefaultAsync(k => k.Code == normalized, ct);
        if (key is null || !MayUse(actor, key))
        {
            return null;
        }

        var lines = key.Lines.OrderBy(l => l.Position).ToList();
        var usable = await MedicineLookup.FindAsync(db, lines.Select(MedicineLookup.ReferenceOf), ct);
        var expanded = new List<ShortKeyExpandedLine>();
        var leftOut = new List<string>();
        foreach (var line in lines)
        {
            var reference = MedicineLookup.ReferenceOf(line);
            if (usable.TryGetValue(reference, out var medicine))
            {
                expanded.Add(new ShortKeyExpandedLine(reference.IsGlobal, medicine, line.Dose, line.Frequency, line.Duration, line.Timing,
                    line.Instructions, line.Quantity));
            }
            else
            {
                leftOut.Add(await MedicineLookup.DescribeAsync(db, reference, ct) is { } gone ? MedicineLabel.Of(gone) : "A medicine no longer available");
            }
        }

        return new ShortKeyExpanded(key.Id, key.Code, key.Name, expanded, leftOut);
    }

    /// <summary>
    /// Counts one use of the key (TimesUsed + 1, last used now) at once, in the caller's transaction; an atomic update, so
    /// concurrent uses all count, and it does not move the key's version (an open editor is not made stale by use).
    /// False when the practice has no such key.
    /// </summary>
    public static async Task<bool> RecordUseAsync(MedicalDbContext db, Guid shortKeyId, DateTime nowUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var updated = await db.ShortKeys
            .Where(k => k.Id == shortKeyId)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.TimesUsed, k => k.TimesUsed + 1).SetProperty(k => k.LastUsedAtUtc, nowUtc), ct);
        return updated == 1;
    }
}
