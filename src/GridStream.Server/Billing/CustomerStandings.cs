using GridStream.Domain.Billing;
using Npgsql;

namespace GridStream.Server.Billing;

/// <summary>A customer's standing, decided (<see cref="CustomerStanding"/>) from the invoices its webhooks stored.</summary>
internal sealed class CustomerStandings(NpgsqlDataSource dataSource)
{
    public sealed record Answer(Standing Standing, int UnpaidInvoices);

    public async Task<Answer> OfAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """SELECT "Status", count(*)::int FROM stripe_invoices WHERE "UserId" = $1 GROUP BY "Status" """);
        command.Parameters.Add(new() { Value = userId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<InvoiceStatus, int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[Enum.Parse<InvoiceStatus>(reader.GetString(0))] = reader.GetInt32(1);
        }

        return new Answer(CustomerStanding.Of(counts.Keys), counts.GetValueOrDefault(InvoiceStatus.PaymentFailed));
    }

    /// <summary>The 402 a past-due customer gets for a new job: why, and what to do.</summary>
    public static IResult PaymentRequired(Answer answer) => TypedResults.Problem(
        statusCode: StatusCodes.Status402PaymentRequired, title: "Payment required: an invoice is unpaid",
        detail: CustomerStanding.RefusalDetail(answer.UnpaidInvoices));
}
