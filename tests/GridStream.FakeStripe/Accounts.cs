using System.Text.Json.Nodes;

namespace GridStream.Testing;

/// <summary>A Connect account. Transfers need the transfers capability, active once onboarding is complete.</summary>
public sealed record FakeAccount(
    string Id, long Created, string Type, string Country, string? Email, bool TransfersRequested,
    bool CardPaymentsRequested, bool OnboardingComplete, IReadOnlyDictionary<string, string> Metadata)
{
    public bool PayoutsEnabled => OnboardingComplete;
    public bool CanReceiveTransfers => OnboardingComplete && TransfersRequested;

    internal JsonObject ToJson()
    {
        var capability = OnboardingComplete ? "active" : "inactive";
        var capabilities = new JsonObject();
        if (TransfersRequested)
        {
            capabilities["transfers"] = capability;
        }

        if (CardPaymentsRequested)
        {
            capabilities["card_payments"] = capability;
        }

        var due = new JsonArray();
        if (!OnboardingComplete)
        {
            due.Add("external_account");
            due.Add("tos_acceptance.date");
        }

        return new JsonObject
        {
            ["id"] = Id,
            ["object"] = "account",
            ["capabilities"] = capabilities,
            ["charges_enabled"] = OnboardingComplete && CardPaymentsRequested,
            ["country"] = Country,
            ["created"] = Created,
            ["default_currency"] = "usd",
            ["details_submitted"] = OnboardingComplete,
            ["email"] = Email,
            ["metadata"] = StripeJson.Map(Metadata),
            ["payouts_enabled"] = OnboardingComplete,
            ["requirements"] = new JsonObject
            {
                ["currently_due"] = due,
                ["disabled_reason"] = OnboardingComplete ? null : "requirements.past_due",
            },
            ["type"] = Type,
        };
    }
}

internal static class AccountsApi
{
    public const string OnboardingPath = "/connect/onboarding/";

    public static void Register(Router router) => router
        .Add("POST", "/v1/accounts", Create)
        .Add("GET", "/v1/accounts/{id}", Retrieve)
        .Add("POST", "/v1/account_links", CreateLink);

    private static JsonObject Create(ApiCall call)
    {
        var form = call.Form;
        var type = form.OneOf("type", "express", "custom")
            ?? throw StripeApiError.Invalid("This fake creates only express or custom accounts: pass type.",
                "parameter_missing", "type");
        var country = form.Optional("country") ?? "US";
        var email = form.Optional("email");
        form.OneOf("business_type", "individual", "company", "non_profit", "government_entity");
        var capabilities = form.Child("capabilities");
        var transfers = capabilities.Child("transfers").OptionalBool("requested") ?? false;
        var cardPayments = capabilities.Child("card_payments").OptionalBool("requested") ?? false;
        form.Child("tos_acceptance").OneOf("service_agreement", "full", "recipient");
        var metadata = form.Map("metadata");
        form.IgnoreExpand();
        form.RejectUnknown();

        if (!transfers && !cardPayments)
        {
            throw StripeApiError.Invalid($"You must request at least one capability when creating a {type} account.",
                "parameter_missing", "capabilities");
        }

        var account = new FakeAccount(StripeState.NewId("acct", 16), call.State.Now, type, country, email, transfers,
            cardPayments, OnboardingComplete: false, metadata);
        call.State.Accounts.Add(account.Id, account);
        return account.ToJson();
    }

    private static JsonObject Retrieve(ApiCall call)
    {
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        return Find(call.State, call.Id, "id").ToJson();
    }

    private static JsonObject CreateLink(ApiCall call)
    {
        var form = call.Form;
        var accountId = form.Required("account");
        var type = form.OneOf("type", "account_onboarding", "account_update") ?? throw StripeApiError.Missing("type");
        var returnUrl = form.Optional("return_url");
        form.Optional("refresh_url");
        form.OneOf("collect", "currently_due", "eventually_due");
        form.IgnoreExpand();
        form.RejectUnknown();
        Find(call.State, accountId, "account");

        // Opening the link completes onboarding, like a user finishing Stripe's hosted form, then returns to the app.
        var query = returnUrl is null ? "" : "?return_url=" + Uri.EscapeDataString(returnUrl);
        return new JsonObject
        {
            ["object"] = "account_link",
            ["created"] = call.State.Now,
            ["expires_at"] = call.State.Now + 300,
            ["url"] = $"{call.BaseUrl}{OnboardingPath}{accountId}{query}",
            ["type"] = type,
        };
    }

    public static FakeAccount Find(StripeState state, string id, string param) =>
        state.Accounts.TryGetValue(id, out var account) ? account : throw StripeApiError.NoSuch("account", id, param);

    public static FakeAccount CompleteOnboarding(StripeState state, string id)
    {
        var before = Find(state, id, "id");
        if (before.OnboardingComplete)
        {
            return before;
        }

        var after = before with { OnboardingComplete = true };
        state.Accounts[id] = after;
        var previous = new JsonObject
        {
            ["details_submitted"] = false,
            ["payouts_enabled"] = false,
            ["charges_enabled"] = false,
        };
        state.Raise("account.updated", after.ToJson(), previousAttributes: previous, connectedAccount: id);
        return after;
    }
}
