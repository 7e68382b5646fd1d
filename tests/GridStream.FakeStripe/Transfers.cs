using System.Text.Json.Nodes;

namespace GridStream.Testing;

public sealed record FakeTransferReversal(string Id, string TransferId, long Amount, string Currency, long Created,
    IReadOnlyDictionary<string, string> Metadata)
{
    internal JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "transfer_reversal",
        ["amount"] = Amount,
        ["created"] = Created,
        ["currency"] = Currency,
        ["metadata"] = StripeJson.Map(Metadata),
        ["transfer"] = TransferId,
    };
}

public sealed record FakeTransfer(
    string Id, long Created, long Amount, string Currency, string Destination, string? TransferGroup,
    string? Description, IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<FakeTransferReversal> Reversals,
    string? IdempotencyKey)
{
    public long AmountReversed => Reversals.Sum(r => r.Amount);
    public bool Reversed => AmountReversed >= Amount;

    internal JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "transfer",
        ["amount"] = Amount,
        ["amount_reversed"] = AmountReversed,
        ["balance_transaction"] = "txn_" + Id[3..],
        ["created"] = Created,
        ["currency"] = Currency,
        ["description"] = Description,
        ["destination"] = Destination,
        ["destination_payment"] = "py_" + Id[3..],
        ["livemode"] = false,
        ["metadata"] = StripeJson.Map(Metadata),
        ["reversals"] = StripeJson.List($"/v1/transfers/{Id}/reversals",
            Reversals.AsEnumerable().Reverse().Select(r => r.ToJson())),
        ["reversed"] = Reversed,
        ["transfer_group"] = TransferGroup,
    };
}

/// <summary>
/// Transfers to Connect accounts out of the platform's available balance, and their reversals (which put the money
/// back). A transfer raises transfer.created, every reversal transfer.reversed.
/// </summary>
internal static class TransfersApi
{
    public static void Register(Router router) => router
        .Add("POST", "/v1/transfers", Create)
        .Add("GET", "/v1/transfers", List)
        .Add("GET", "/v1/transfers/{id}", Retrieve)
        .Add("POST", "/v1/transfers/{id}/reversals", CreateReversal)
        .Add("GET", "/v1/transfers/{id}/reversals", ListReversals);

    private static JsonObject Create(ApiCall call)
    {
        var form = call.Form;
        var state = call.State;
        var amount = form.RequiredLong("amount");
        var currency = form.Required("currency");
        var destination = form.Required("destination");
        var transferGroup = form.Optional("transfer_group");
        var description = form.Optional("description");
        var metadata = form.Map("metadata");
        form.IgnoreExpand();
        form.RejectUnknown();

        if (amount <= 0)
        {
            throw StripeApiError.Invalid("Invalid positive integer", "parameter_invalid_integer", "amount");
        }

        if (currency != "usd")
        {
            throw StripeApiError.Invalid($"Invalid currency: {currency}. This platform transfers only usd.",
                "parameter_invalid_string", "currency");
        }

        var account = AccountsApi.Find(state, destination, "destination");
        if (!account.CanReceiveTransfers)
        {
            throw StripeApiError.Invalid(
                "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
                "insufficient_capabilities_for_transfer", "destination");
        }

        if (state.AvailableIn(currency) < amount)
        {
            throw StripeApiError.Invalid(
                "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance.",
                "balance_insufficient");
        }

        state.AddAvailable(currency, -amount);
        var transfer = new FakeTransfer(StripeState.NewId("tr"), state.Now, amount, currency, destination, transferGroup,
            description, metadata, [], call.IdempotencyKey);
        state.Transfers.Add(transfer.Id, transfer);
        state.Raise("transfer.created", transfer.ToJson(), call.RequestId, call.IdempotencyKey);
        return transfer.ToJson();
    }

    private static JsonObject List(ApiCall call)
    {
        var group = call.Form.Optional("transfer_group");
        var destination = call.Form.Optional("destination");
        var transfers = call.State.Transfers.Values
            .Where(t => (group is null || t.TransferGroup == group) && (destination is null || t.Destination == destination))
            .Reverse();
        var page = StripeJson.Page(call.Form, "/v1/transfers", transfers, t => t.Id, t => t.ToJson());
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        return page;
    }

    private static JsonObject Retrieve(ApiCall call)
    {
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        return Find(call.State, call.Id).ToJson();
    }

    private static JsonObject CreateReversal(ApiCall call)
    {
        var form = call.Form;
        var amount = form.OptionalLong("amount");
        form.Optional("description");
        form.OptionalBool("refund_application_fee");
        var metadata = form.Map("metadata");
        form.IgnoreExpand();
        form.RejectUnknown();
        var reversal = Reverse(call.State, call.Id, amount, metadata, call.RequestId, call.IdempotencyKey);
        return reversal.ToJson();
    }

    private static JsonObject ListReversals(ApiCall call)
    {
        var transfer = Find(call.State, call.Id);
        var page = StripeJson.Page(call.Form, $"/v1/transfers/{transfer.Id}/reversals",
            transfer.Reversals.AsEnumerable().Reverse(), r => r.Id, r => r.ToJson());
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        return page;
    }

    public static FakeTransfer Find(StripeState state, string id) =>
        state.Transfers.TryGetValue(id, out var transfer) ? transfer : throw StripeApiError.NoSuch("transfer", id);

    /// <summary>Reverses <paramref name="amount"/> (all that remains when null) and credits it back to the platform.</summary>
    public static FakeTransferReversal Reverse(StripeState state, string transferId, long? amount,
        IReadOnlyDictionary<string, string> metadata, string? requestId, string? idempotencyKey)
    {
        var transfer = Find(state, transferId);
        var remaining = transfer.Amount - transfer.AmountReversed;
        var reversing = amount ?? remaining;
        if (reversing <= 0 || reversing > remaining)
        {
            throw StripeApiError.Invalid(
                $"Amount must be a positive integer no more than the {remaining} not yet reversed.",
                "parameter_invalid_integer", "amount");
        }

        var reversal = new FakeTransferReversal(StripeState.NewId("trr"), transfer.Id, reversing, transfer.Currency,
            state.Now, metadata);
        var after = transfer with { Reversals = [.. transfer.Reversals, reversal] };
        state.Transfers[transfer.Id] = after;
        state.AddAvailable(transfer.Currency, reversing);
        state.Raise("transfer.reversed", after.ToJson(), requestId, idempotencyKey);
        return reversal;
    }
}
