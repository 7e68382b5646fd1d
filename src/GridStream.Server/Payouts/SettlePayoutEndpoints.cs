using GridStream.Domain.Payouts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridStream.Server.Payouts;

/// <summary>An admin confirms a payout with the gateway's reference, or fails it with a reason; both idempotent.</summary>
internal static class SettlePayoutEndpoints
{
    public static async Task<Results<Ok<PayoutView>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        Guid id, ConfirmPayoutRequest request, SettlePayout settle, CancellationToken cancellationToken)
    {
        if (PayoutSettlement.TextError(request?.ExternalReference, "external reference", PayoutSettlement.MaxReferenceLength) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["externalReference"] = [error] });
        }

        return Answer(id, await settle.ConfirmAsync(id, request!.ExternalReference!, cancellationToken).ConfigureAwait(false));
    }

    public static async Task<Results<Ok<PayoutView>, ValidationProblem, ProblemHttpResult>> FailAsync(
        Guid id, FailPayoutRequest request, SettlePayout settle, CancellationToken cancellationToken)
    {
        if (PayoutSettlement.TextError(request?.Reason, "reason", PayoutSettlement.MaxReasonLength) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [error] });
        }

        return Answer(id, await settle.FailAsync(id, request!.Reason!, cancellationToken).ConfigureAwait(false));
    }

    private static Results<Ok<PayoutView>, ValidationProblem, ProblemHttpResult> Answer(Guid id, SettlePayout.Result result) => result.Outcome switch
    {
        SettlePayout.Outcome.NotFound =>
            TypedResults.Problem(title: "No such payout", detail: $"There is no payout {id}.", statusCode: StatusCodes.Status404NotFound),
        SettlePayout.Outcome.Conflict =>
            TypedResults.Problem(title: $"The payout is {result.Payout!.State}", detail: result.Error, statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Ok(PayoutView.From(result.Payout!)),
    };
}
