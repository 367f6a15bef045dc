using MedicalApp.Data;
using MedicalApp.Data.Dental;
using MedicalApp.Data.Entities;
using MedicalApp.Web.Features.Doctors;
using MedicalApp.Web.Identity;
using MedicalApp.Web.Services.Audit;
using MedicalApp.Web.Services.Changes;
using MedicalApp.Web.Validation;
using Microsoft.EntityFrameworkCore;

namespace MedicalApp.Web.Features.Dental.Prices;

/// <summary>A catalogue procedure with the practice's price: its own when set (<see cref="OwnPriceVersion"/> not null), else the default.</summary>
public sealed record DentalPriceRow(
    string Code, string Name, DentalProcedureCategory Category, decimal DefaultPrice, decimal? OwnPrice, int? OwnPriceVersion)
{
    public decimal Price => OwnPrice ?? DefaultPrice;
}

/// <summary>
/// The practice's price list: the built-in catalogue with the practice's own prices over the defaults. Administrators
/// (ManageDentalSettings) set a price or return a code to its default; a new procedure's estimate starts from it.
/// </summary>
public sealed class DentalPriceService(IDbContextFactory<MedicalDbContext> contextFactory, PracticeActors actors, PracticeChanges changes)
{
    public const decimal MaxPrice = 99_99_999m;

    private static readonly ChangeRule ManagePrices = new(
        PracticePermission.ManageDentalSettings, "Only administrators can change the practice's dental prices.");

    public async Task<IReadOnlyList<DentalPriceRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await actors.RequireAsync(db, PracticePermission.ViewDentalRecords, cancellationToken: cancellationToken);
        var own = await db.DentalPrices.AsNoTracking().ToDictionaryAsync(p => p.Code, cancellationToken);
        return [.. DentalProcedureCatalogue.All.Select(p => own.TryGetValue(p.Code, out var price)
            ? new DentalPriceRow(p.Code, p.Name, p.Category, p.DefaultPrice, price.Price, price.Version)
            : new DentalPriceRow(p.Code, p.Name, p.Category, p.DefaultPrice, null, null))];
    }

    /// <summary>The price a new procedure of <paramref name="code"/> is estimated at in this practice (0 for a custom one).</summary>
    public static async Task<decimal> PriceOfAsync(MedicalDbContext db, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (DentalProcedureCatalogue.Find(code) is not { } procedure)
        {
            return 0;
        }

        var own = await db.DentalPrices.AsNoTracking().Where(p => p.Code == procedure.Code).Select(p => (decimal?)p.Price).FirstOrDefaultAsync(cancellationToken);
        return own ?? procedure.DefaultPrice;
    }

    public static string? PriceError(decimal? price) => price switch
    {
        null => "Enter the price in rupees.",
        < 0 => "A price cannot be negative.",
        > MaxPrice => $"A price can be at most {DoctorPages.Rupees(MaxPrice)}.",
        _ when decimal.Round(price.Value, 2) != price.Value => "Use at most two decimal places (paise).",
        _ => null,
    };

    /// <summary>
    /// Sets the practice's own price for <paramref name="code"/>. <paramref name="versionSeen"/> is the own price's
    /// version the form showed (null when it showed the default), so two administrators cannot overwrite each other unseen.
    /// </summary>
    public Task<ChangeResult> SetPriceAsync(string code, decimal? price, int? versionSeen, CancellationToken cancellationToken = default) =>
        changes.RunAsync(ManagePrices, async change =>
        {
            if (DentalProcedureCatalogue.Find(code) is not { } procedure)
            {
                return ChangeResult.NotFound("This procedure is not in the catalogue.");
            }

            if (PriceError(price) is { } error)
            {
                return ChangeResult.Invalid("Price", error);
            }

            var own = await change.Db.DentalPrices.FirstOrDefaultAsync(p => p.Code == procedure.Code, cancellationToken);
            if (own is null ? versionSeen is not null : StaleEdit.IsStale(versionSeen, own) || versionSeen is null)
            {
                return ChangeResult.Stale("price");
            }

            var before = own?.Price ?? procedure.DefaultPrice;
            if (own is not null && own.Price == price)
            {
                return ChangeResult.Unchanged();
            }

            if (own is null)
            {
                own = new DentalPrice { Code = procedure.Code, Price = price!.Value };
                change.Db.DentalPrices.Add(own);
            }
            else
            {
                own.Price = price!.Value;
            }

            change.Audit(AuditActions.DentalPriceChanged, nameof(DentalPrice), own.Id,
                $"{procedure.Code} {procedure.Name}: {DoctorPages.Rupees(before)} → {DoctorPages.Rupees(price.Value)}.");
            return ChangeResult.Done($"{procedure.Code} now costs {DoctorPages.Rupees(price.Value)}.");
        }, cancellationToken);

    /// <summary>Removes the practice's own price: the catalogue's default applies again.</summary>
    public Task<ChangeResult> ResetAsync(string code, int versionSeen, CancellationToken cancellationToken = default) =>
        changes.RunAsync(ManagePrices, async change =>
        {
            if (DentalProcedureCatalogue.Find(code) is not { } procedure)
            {
                return ChangeResult.NotFound("This procedure is not in the catalogue.");
            }

            var own = await change.Db.DentalPrices.FirstOrDefaultAsync(p => p.Code == procedure.Code, cancellationToken);
            if (own is null)
            {
                return ChangeResult.Unchanged();
            }

            if (StaleEdit.IsStale(versionSeen, own))
            {
                return ChangeResult.Stale("price");
            }

            change.Db.DentalPrices.Remove(own);
            change.Audit(AuditActions.DentalPriceChanged, nameof(DentalPrice), own.Id,
                $"{procedure.Code} {procedure.Name}: {DoctorPages.Rupees(own.Price)} → default {DoctorPages.Rupees(procedure.DefaultPrice)}.");
            return ChangeResult.Done($"{procedure.Code} is back to the default {DoctorPages.Rupees(procedure.DefaultPrice)}.");
        }, cancellationToken);
}
