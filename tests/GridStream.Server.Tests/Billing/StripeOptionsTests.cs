using GridStream.Server.Billing;

namespace GridStream.Server.Tests.Billing;

public sealed class StripeOptionsTests
{
    [Fact]
    public void No_secret_key_is_offline_mode_and_valid()
    {
        var options = new StripeOptions();

        Assert.False(options.IsConfigured);
        Assert.Null(options.Problem());
    }

    [Fact]
    public void A_secret_key_without_a_price_is_named_as_the_reason_the_server_stops()
    {
        var problem = new StripeOptions { SecretKey = "sk_test_x" }.Problem();

        Assert.Contains("PriceId", problem);
    }

    [Fact]
    public void A_complete_configuration_is_valid_and_a_bad_api_base_or_batch_size_is_named()
    {
        var complete = new StripeOptions { SecretKey = "sk_test_x", PriceId = "price_1", ApiBase = "http://127.0.0.1:9" };

        Assert.Null(complete.Problem());
        Assert.Contains("ApiBase", new StripeOptions { SecretKey = "sk_test_x", PriceId = "price_1", ApiBase = "not a url" }.Problem());
        Assert.Contains("RelayBatchSize", new StripeOptions { RelayBatchSize = 0 }.Problem());
    }
}
