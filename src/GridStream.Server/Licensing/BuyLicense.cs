using System.Security.Claims;
using GridStream.Domain.Ledger;
using GridStream.Domain.Licensing;
using GridStream.Server.Accounts;
using GridStream.Server.Content;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GridStream.Server.Licensing;

/// <summary>
/// A viewer buys a license for one item with credits. Idempotent: the same Idempotency-Key returns the license it
/// bought, and a viewer who already holds a current license gets that one back instead of paying twice. The payment
/// (reserved before the license row, completed after it) and the row share one transaction, so a refused payment
/// leaves nothing behind: a wallet short of the price gets 402.
/// </summary>
internal static class BuyLicense
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>"LICENSEB": one purchase per viewer at a time, so a repeated key or a double click cannot buy twice.</summary>
    private const long PurchaseLockPurpose = 0x4C49_4345_4E53_4542;

    public static async Task<Results<Created<LicenseView>, Ok<LicenseView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, ClaimsPrincipal user, GridStreamDbContext db,
        ILicensePayment payment, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && !IsUsableKey(idempotencyKey))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotencyHeader] = [$"An idempotency key is 1 to {LicensingModel.MaxIdempotencyKeyLength} visible ASCII characters."],
            });
        }

        var key = idempotencyKey ?? Guid.CreateVersion7().ToString("N");
        var viewerId = user.UserId();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKeys.For(PurchaseLockPurpose, viewerId)})", cancellationToken)
            .ConfigureAwait(false);
        var now = clock.GetUtcNow();

        var earlier = await db.ContentLicenses.AsNoTracking()
            .SingleOrDefaultAsync(l => l.ViewerId == viewerId && l.IdempotencyKey == key, cancellationToken).ConfigureAwait(false);
        if (earlier is not null)
        {
            return earlier.ContentItemId == id
                ? TypedResults.Ok(await ViewAsync(db, earlier, now, cancellationToken).ConfigureAwait(false))
                : TypedResults.Problem(title: "Idempotency key already used",
                    detail: $"You used the key '{key}' to buy another item; use a new key for a new purchase.", statusCode: StatusCodes.Status409Conflict);
        }

        var item = await db.ContentItems.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == id && c.IsPublished && c.DeletedAt == null, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return LicenseQuery.NoSuchContent(id);
        }

        if (item.OwnerId == viewerId)
        {
            return TypedResults.Problem(title: "Your own content", detail: "Owners play their own content without a license.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var current = await LicenseQuery.CurrentAsync(db, viewerId, id, now, cancellationToken).ConfigureAwait(false);
        if (current is not null)
        {
            return TypedResults.Ok(LicenseView.From(current, item.Title, now));
        }

        var license = new ContentLicense
        {
            Id = Guid.CreateVersion7(),
            ViewerId = viewerId,
            ContentItemId = id,
            GrantedAt = now,
            ExpiresAt = LicenseTerms.ExpiresAt(now, item.LicenseDays),
            PricePaidMicroCredits = item.PriceMicroCredits,
            IdempotencyKey = key,
        };
        var sale = new LicenseSale(license.Id, viewerId, item.OwnerId, item.PriceMicroCredits, PaymentKey(viewerId, key));
        var (connection, dbTransaction) = ((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        if (item.PriceMicroCredits > 0
            && await payment.ReserveAsync(connection, dbTransaction, sale, cancellationToken).ConfigureAwait(false) == PaymentOutcome.InsufficientCredits)
        {
            return NotEnoughCredits(item.PriceMicroCredits); // the transaction is disposed uncommitted: nothing moved
        }

        db.ContentLicenses.Add(license);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (item.PriceMicroCredits > 0)
        {
            await payment.CompleteAsync(connection, dbTransaction, sale, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/licenses/{license.Id}", LicenseView.From(license, item.Title, now));
    }

    /// <summary>Unique across viewers, which the ledger's keys must be; a viewer's own key only has to be unique to them.</summary>
    public static string PaymentKey(Guid viewerId, string idempotencyKey) => $"license:{viewerId:N}:{idempotencyKey}";

    private static bool IsUsableKey(string key) =>
        key.Length is > 0 and <= LicensingModel.MaxIdempotencyKeyLength && key.All(c => c is > ' ' and <= '~');

    private static ProblemHttpResult NotEnoughCredits(long price) => TypedResults.Problem(title: "Not enough credits",
        detail: $"This license costs {price} micro-credits ({MoneyRules.FormatCredits(price)} credits), more than your wallet has available. Nothing was charged.",
        statusCode: StatusCodes.Status402PaymentRequired);

    private static async Task<LicenseView> ViewAsync(GridStreamDbContext db, ContentLicense license, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var title = await db.ContentItems.Where(c => c.Id == license.ContentItemId).Select(c => c.Title)
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        return LicenseView.From(license, title, now);
    }
}
