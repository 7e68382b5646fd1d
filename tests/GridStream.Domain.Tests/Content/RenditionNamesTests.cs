using GridStream.Domain.Content;

namespace GridStream.Domain.Tests.Content;

public sealed class RenditionNamesTests
{
    private static readonly Uri Base = new("https://cdn.example.com/show/");

    private static HlsVariant Variant(string? name = null, HlsResolution? resolution = null, long bandwidth = 1_000_000) =>
        new(new Uri(Base, Guid.NewGuid() + ".m3u8"), bandwidth, null, resolution, null, name);

    [Fact]
    public void A_variant_is_named_by_its_name_then_its_resolution_then_its_position()
    {
        var names = RenditionNames.For([Variant(name: " HD "), Variant(resolution: new HlsResolution(1280, 720)), Variant()]);

        Assert.Equal(["HD", "1280x720", "v2"], names);
    }

    [Fact]
    public void Two_variants_of_one_resolution_are_told_apart_by_bandwidth()
    {
        var sd = new HlsResolution(640, 360);

        var names = RenditionNames.For([Variant(resolution: sd, bandwidth: 500_000), Variant(resolution: sd, bandwidth: 900_000)]);

        Assert.Equal(["640x360", "640x360-900000"], names);
    }

    [Fact]
    public void Names_stay_unique_even_when_the_origin_uses_our_fallback_names()
    {
        var names = RenditionNames.For([Variant(name: "v1"), Variant(name: "v1", bandwidth: 1), Variant(name: "v1-1"), Variant(name: "v1", bandwidth: 1)]);

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(names, RenditionNames.For([Variant(name: "v1"), Variant(name: "v1", bandwidth: 1), Variant(name: "v1-1"), Variant(name: "v1", bandwidth: 1)]));
    }

    [Fact]
    public void A_long_name_is_clipped_to_what_the_database_holds()
    {
        var name = Assert.Single(RenditionNames.For([Variant(name: new string('x', 300))]));

        Assert.Equal(RenditionNames.MaxLength, name.Length);
    }
}
