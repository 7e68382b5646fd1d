using System.Text.Json.Nodes;

namespace GridStream.Testing;

public sealed record FakeCustomer(
    string Id, long Created, string? Email, string? Name, string? Description, IReadOnlyDictionary<string, string> Metadata)
{
    internal JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "customer",
        ["balance"] = 0,
        ["created"] = Created,
        ["currency"] = null,
        ["delinquent"] = false,
        ["description"] = Description,
        ["email"] = Email,
        ["livemode"] = false,
        ["metadata"] = StripeJson.Map(Metadata),
        ["name"] = Name,
    };
}

internal static class CustomersApi
{
    public static void Register(Router router) => router
        .Add("POST", "/v1/customers", Create)
        .Add("GET", "/v1/customers/{id}", Retrieve);

    private static JsonObject Create(ApiCall call)
    {
        var form = call.Form;
        var email = form.Optional("email");
        var name = form.Optional("name");
        var description = form.Optional("description");
        var metadata = form.Map("metadata");
        form.IgnoreExpand();
        form.RejectUnknown();

        var customer = new FakeCustomer(StripeState.NewId("cus", 14), call.State.Now, email, name, description, metadata);
        call.State.Customers.Add(customer.Id, customer);
        call.State.Raise("customer.created", customer.ToJson(), call.RequestId, call.IdempotencyKey);
        return customer.ToJson();
    }

    private static JsonObject Retrieve(ApiCall call)
    {
        call.Form.IgnoreExpand();
        call.Form.RejectUnknown();
        return Find(call.State, call.Id, "id").ToJson();
    }

    public static FakeCustomer Find(StripeState state, string id, string param) =>
        state.Customers.TryGetValue(id, out var customer) ? customer : throw StripeApiError.NoSuch("customer", id, param);
}
