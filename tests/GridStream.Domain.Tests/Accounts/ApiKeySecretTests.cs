using GridStream.Domain.Accounts;

namespace GridStream.Domain.Tests.Accounts;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void A_key_is_gs_followed_by_43_url_safe_characters()
    {
        var key = ApiKeySecret.Generate();

        Assert.StartsWith("gs_", key.Value, StringComparison.Ordinal);
        Assert.Equal(46, key.Value.Length);
        Assert.All(key.Value[3..], c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
    }

    [Fact]
    public void The_same_bytes_make_the_same_key_and_hash()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

        var first = ApiKeySecret.FromRandomBytes(bytes);
        var second = ApiKeySecret.FromRandomBytes(bytes);

        Assert.Equal(first.Value, second.Value);
        Assert.Equal(first.Hash(), second.Hash());
        Assert.Equal(32, first.Hash().Length);
    }

    [Fact]
    public void Two_generated_keys_differ() =>
        Assert.NotEqual(ApiKeySecret.Generate().Value, ApiKeySecret.Generate().Value);

    [Fact]
    public void The_prefix_starts_the_key_and_is_too_short_to_matter()
    {
        var key = ApiKeySecret.Generate();

        Assert.Equal(ApiKeySecret.PrefixLength, key.Prefix.Length);
        Assert.StartsWith(key.Prefix, key.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_never_shows_the_secret()
    {
        var key = ApiKeySecret.Generate();

        Assert.DoesNotContain(key.Value, key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_generated_key_parses_back()
    {
        var key = ApiKeySecret.Generate();

        Assert.Equal(key, ApiKeySecret.TryParse(key.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gs_")]
    [InlineData("gs_short")]
    [InlineData("xx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("gs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    [InlineData("gs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_else_does_not_parse(string? presented) =>
        Assert.Null(ApiKeySecret.TryParse(presented));

    [Fact]
    public void Wrong_amounts_of_randomness_are_refused() =>
        Assert.Throws<ArgumentException>(() => ApiKeySecret.FromRandomBytes(new byte[16]));
}
