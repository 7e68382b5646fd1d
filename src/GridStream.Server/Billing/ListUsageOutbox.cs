using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Billing;

public sealed record UsageOutboxRow(long UsageId, Guid CustomerId, Guid JobId, long AmountCents, DateTimeOffset CreatedAt,
    string State, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, string? Error);

public sealed record UsageOutbox(bool StripeConfigured, IReadOnlyDictionary<string, long> Counts, IReadOnlyList<UsageOutboxRow> Rows);

/// <summary>
/// GET /api/admin/billing/usage: how many usage rows are in each relay state, and the rows of one state (by default
/// those that will never reach Stripe by themselves: TooOld and Rejected), oldest first.
/// </summary>
internal static class ListUsageOutbox
{
    public const int MaxLimit = 500;

    public static async Task<Results<Ok<UsageOutbox>, ValidationProblem>> HandleAsync(
        string? state, int? limit, GridStreamDbContext db, StripeGateway gateway, CancellationToken cancellationToken)
    {
        UsageRelayState[] states = [UsageRelayState.TooOld, UsageRelayState.Rejected];
        if (state is not null)
        {
            if (!Enum.TryParse<UsageRelayState>(state, ignoreCase: true, out var one) || !Enum.IsDefined(one))
            {
                return Invalid("state", $"state is one of {string.Join(", ", Enum.GetNames<UsageRelayState>())}.");
            }

            states = [one];
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Invalid("limit", $"limit is 1–{MaxLimit}.");
        }

        var counts = await db.ComputeUsage.GroupBy(u => u.StripeState)
            .Select(g => new { State = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.State.ToString(), g => g.Count, cancellationToken).ConfigureAwait(false);
        var rows = await db.ComputeUsage.AsNoTracking()
            .Where(u => states.Contains(u.StripeState))
            .OrderBy(u => u.UnitId).Take(limit ?? 100)
            .Select(u => new UsageOutboxRow(u.UnitId, u.CustomerId, u.JobId, u.AmountCents, u.CreatedAt, u.StripeState.ToString(),
                u.StripeAttempts, u.StripeNextAttemptAt, u.StripeSentAt, u.StripeError))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new UsageOutbox(gateway.IsConfigured, counts, rows));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
