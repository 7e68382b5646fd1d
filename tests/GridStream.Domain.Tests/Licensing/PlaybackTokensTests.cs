using GridStream.Domain.Licensing;

namespace GridStream.Domain.Tests.Licensing;

public sealed class PlaybackTokensTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly Guid Viewer = Guid.Parse("11111111-2222-4333-8444-555555555555");
    private static readonly Guid Movie = Guid.Parse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static string TokenFor(Guid content, DateTimeOffset expiresAt, byte[]? key = null) =>
        PlaybackTokens.Issue(key ?? Key, new PlaybackTokenClaims(Viewer, content, expiresAt));

    [Fact]
    public void A_fresh_token_is_valid_and_carries_its_claims()
    {
        var check = PlaybackTokens.Verify(Key, TokenFor(Movie, Now.AddMinutes(10)), Movie, Now);

        Assert.Equal(PlaybackTokenVerdict.Valid, check.Verdict);
        Assert.Equal(new PlaybackTokenClaims(Viewer, Movie, Now.AddMinutes(10)), check.Claims);
    }

    [Fact]
    public void A_token_is_url_safe_and_of_fixed_length()
    {
        var token = TokenFor(Movie, Now.AddMinutes(10));

        Assert.Equal(PlaybackTokens.TokenLength, token.Length);
        Assert.Equal(token, Uri.EscapeDataString(token));
    }

    [Fact]
    public void A_token_stops_working_at_its_expiry()
    {
        var token = TokenFor(Movie, Now.AddMinutes(10));

        Assert.True(PlaybackTokens.Verify(Key, token, Movie, Now.AddMinutes(10).AddSeconds(-1)).IsValid);
        Assert.Equal(PlaybackTokenVerdict.Expired, PlaybackTokens.Verify(Key, token, Movie, Now.AddMinutes(10)).Verdict);
    }

    [Fact]
    public void A_token_for_other_content_is_refused()
    {
        var check = PlaybackTokens.Verify(Key, TokenFor(Movie, Now.AddMinutes(10)), Guid.NewGuid(), Now);

        Assert.Equal(PlaybackTokenVerdict.OtherContent, check.Verdict);
    }

    [Fact]
    public void Every_altered_character_makes_the_token_invalid()
    {
        var token = TokenFor(Movie, Now.AddMinutes(10));
        for (var i = 0; i < token.Length; i++)
        {
            var altered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            var verdict = PlaybackTokens.Verify(Key, altered, Movie, Now).Verdict;
            Assert.True(verdict == PlaybackTokenVerdict.Invalid, $"Changing character {i} gave {verdict}.");
        }
    }

    [Fact]
    public void A_token_signed_with_another_key_is_invalid()
    {
        var otherKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

        Assert.Equal(PlaybackTokenVerdict.Invalid, PlaybackTokens.Verify(Key, TokenFor(Movie, Now.AddMinutes(10), otherKey), Movie, Now).Verdict);
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("AAAA")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public void Garbage_is_invalid_not_an_exception(string token) =>
        Assert.Equal(PlaybackTokenVerdict.Invalid, PlaybackTokens.Verify(Key, token, Movie, Now).Verdict);

    [Fact]
    public void An_overlong_token_is_invalid() =>
        Assert.Equal(PlaybackTokenVerdict.Invalid, PlaybackTokens.Verify(Key, TokenFor(Movie, Now.AddMinutes(10)) + "AAAA", Movie, Now).Verdict);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_token_is_missing(string? token) =>
        Assert.Equal(PlaybackTokenVerdict.Missing, PlaybackTokens.Verify(Key, token, Movie, Now).Verdict);

    [Fact]
    public void A_short_key_is_refused() =>
        Assert.Throws<ArgumentException>(() => PlaybackTokens.Issue(new byte[16], new PlaybackTokenClaims(Viewer, Movie, Now)));

    [Fact]
    public void A_token_never_outlives_its_license()
    {
        Assert.Equal(Now + PlaybackTokens.Lifetime, PlaybackTokens.ExpiryFor(Now, licenseExpiresAt: null));
        Assert.Equal(Now.AddMinutes(3), PlaybackTokens.ExpiryFor(Now, Now.AddMinutes(3)));
        Assert.Equal(Now + PlaybackTokens.Lifetime, PlaybackTokens.ExpiryFor(Now, Now.AddDays(30)));
    }
}
