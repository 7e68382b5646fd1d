using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Stripe;

namespace GridStream.Testing.FakeStripeTests;

public sealed class RequestCheckTests : FakeStripeTestBase
{
    [Fact]
    public async Task A_wrong_api_key_is_refused_with_401()
    {
        var wrong = new StripeClient(new StripeClientOptions
        {
            ApiKey = "sk_test_wrong",
            ApiBase = Stripe.BaseUrl,
            HttpClient = new SystemNetHttpClient(new HttpClient(), maxNetworkRetries: 0),
        });

        var refusal = await Refused(() => wrong.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "a@b.c" }));

        Assert.Equal(HttpStatusCode.Unauthorized, refusal.HttpStatusCode);
        Assert.Equal("invalid_request_error", refusal.StripeError.Type);
        Assert.Empty(Stripe.Customers);
    }

    [Fact]
    public async Task The_right_key_works_and_the_client_s_pinned_version_is_recorded()
    {
        var customer = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions
        {
            Email = "a@example.com",
            Metadata = new Dictionary<string, string> { ["gridstream_customer"] = "42" },
        });

        var fetched = await Client.V1.Customers.GetAsync(customer.Id);
        Assert.Equal("a@example.com", fetched.Email);
        Assert.Equal("42", fetched.Metadata["gridstream_customer"]);
        Assert.All(Stripe.Requests, r => Assert.Equal(StripeConfiguration.ApiVersion, r.StripeVersion));
    }

    [Fact]
    public async Task An_unknown_parameter_is_refused_like_stripe_does()
    {
        var options = new CustomerCreateOptions { Email = "a@example.com" };
        options.AddExtraParam("favourite_colour", "blue");

        var refusal = await Refused(() => Client.V1.Customers.CreateAsync(options));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.HttpStatusCode);
        Assert.Equal("parameter_unknown", refusal.StripeError.Code);
        Assert.Equal("favourite_colour", refusal.StripeError.Param);
    }

    [Fact]
    public async Task A_missing_customer_is_a_404_resource_missing()
    {
        var refusal = await Refused(() => Client.V1.Customers.GetAsync("cus_nothere"));

        Assert.Equal(HttpStatusCode.NotFound, refusal.HttpStatusCode);
        Assert.Equal("resource_missing", refusal.StripeError.Code);
    }

    [Fact]
    public async Task Requests_without_stripe_version_or_with_a_json_body_are_refused()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Stripe.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Stripe.ApiKey);

        using var noVersion = await http.PostAsync("/v1/customers",
            new StringContent("email=a%40b.c", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.Contains("Stripe-Version", await noVersion.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        http.DefaultRequestHeaders.Add("Stripe-Version", StripeConfiguration.ApiVersion);
        using var json = await http.PostAsync("/v1/customers",
            new StringContent("{\"email\":\"a@b.c\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("\"type\":\"invalid_request_error\"", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var form = await http.PostAsync("/v1/customers",
            new StringContent("email=a%40b.c&metadata[k]=v", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Single(Stripe.Customers);
    }

    [Fact]
    public async Task An_unknown_url_is_a_404()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Stripe.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Stripe.ApiKey);
        http.DefaultRequestHeaders.Add("Stripe-Version", StripeConfiguration.ApiVersion);

        using var response = await http.GetAsync("/v1/charges");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Unrecognized request URL", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
