using GridStream.Domain.Content;

namespace GridStream.Domain.Tests.Content;

public sealed class ContentRulesTests
{
    [Fact]
    public void A_complete_registration_has_no_errors() =>
        Assert.Empty(ContentRules.Check("Big Buck Bunny", "https://cdn.example.com/bbb/master.m3u8", 2_000_000));

    [Fact]
    public void Free_content_is_allowed() =>
        Assert.Empty(ContentRules.Check("Free", "http://localhost:5080/origin/demo/master.m3u8", 0));

    [Fact]
    public void Every_missing_field_is_named() =>
        Assert.Equal(["masterPlaylistUrl", "priceMicroCredits", "title"], ContentRules.Check(" ", null, null).Keys.Order());

    [Theory]
    [InlineData("ftp://cdn.example.com/master.m3u8")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/master.m3u8")]
    [InlineData("not a url")]
    public void Only_absolute_http_urls_are_accepted(string url) =>
        Assert.Equal(["masterPlaylistUrl"], ContentRules.Check("Title", url, 0).Keys);

    [Theory]
    [InlineData(-1)]
    [InlineData(ContentRules.MaxPriceMicroCredits + 1)]
    public void Prices_outside_the_range_are_refused(long price) =>
        Assert.Equal(["priceMicroCredits"], ContentRules.Check("Title", "https://cdn.example.com/m.m3u8", price).Keys);

    [Fact]
    public void Overlong_titles_are_refused() =>
        Assert.Equal(["title"], ContentRules.Check(new string('t', 201), "https://cdn.example.com/m.m3u8", 0).Keys);
}
