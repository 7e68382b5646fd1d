using System.Security.Claims;
using System.Text.Json.Serialization;
using GridStream.Domain.Billing;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using GridStream.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Billing;

/// <summary>Whether the customer's usage reaches Stripe: its Stripe customer exists, not yet, or Stripe is not configured.</summary>
public enum StripeConnection
{
    Connected,
    NotConnected,
    Offline,
}

public sealed record InvoiceView(
    string InvoiceId, [property: JsonConverter(typeof(JsonStringEnumConverter<InvoiceStatus>))] InvoiceStatus Status,
    long AmountDueCents, long AmountPaidCents, DateTimeOffset LastEventAt);

public sealed record InvoicePage(IReadOnlyList<InvoiceView> Items, int Page, int PageSize, int Total);

/// <summary>
/// A compute customer's billing: Stripe customer, standing, invoices (newest event first), and totals in cents:
/// all usage booked, all paid, and what is outstanding (usage not yet paid, whether invoiced or not).
/// </summary>
public sealed record BillingAccountView(
    [property: JsonConverter(typeof(JsonStringEnumConverter<StripeConnection>))] StripeConnection Stripe, string? StripeCustomerId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Standing>))] Standing Standing,
    long TotalUsageCents, long TotalPaidCents, long OutstandingCents, InvoicePage Invoices);

internal static class GetBillingAccount
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static async Task<Results<Ok<BillingAccountView>, ValidationProblem>> HandleAsync(
        int? page, int? pageSize, ClaimsPrincipal user, GridStreamDbContext db, StripeGateway gateway, CancellationToken cancellationToken)
    {
        var (paging, pagingProblem) = PageQuery.Read(page, pageSize, DefaultPageSize, MaxPageSize);
        if (pagingProblem is not null)
        {
            return pagingProblem;
        }

        var userId = user.UserId();
        var customerId = await db.StripeCustomers.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.CustomerId)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var invoices = db.StripeInvoices.AsNoTracking().Where(i => i.UserId == userId);
        var statuses = await invoices.Select(i => i.Status).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        var total = await invoices.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await invoices.OrderByDescending(i => i.LastEventAt).ThenBy(i => i.InvoiceId)
            .Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellationToken).ConfigureAwait(false);
        var usage = await db.ComputeUsage.AsNoTracking().Where(u => u.CustomerId == userId).SumAsync(u => u.AmountCents, cancellationToken).ConfigureAwait(false);
        var paid = await invoices.Where(i => i.Status == InvoiceStatus.Paid).SumAsync(i => i.AmountPaidCents, cancellationToken).ConfigureAwait(false);

        var connection = !gateway.IsConfigured ? StripeConnection.Offline
            : customerId is null ? StripeConnection.NotConnected
            : StripeConnection.Connected;
        return TypedResults.Ok(new BillingAccountView(connection, customerId, CustomerStanding.Of(statuses), usage, paid, checked(usage - paid),
            new InvoicePage([.. rows.Select(i => new InvoiceView(i.InvoiceId, i.Status, i.AmountDueCents, i.AmountPaidCents, i.LastEventAt))],
                paging.Number, paging.Size, total)));
    }
}
