using GridStream.Domain.Content;

namespace GridStream.Domain.Tests.Content;

public sealed class SegmentHashesTests
{
    // SHA-256 of "" and of "abc".
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string AbcHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void A_sidecar_maps_file_names_to_hashes()
    {
        var hashes = SegmentHashes.ParseSidecar($$"""
            {
              "seg00001.ts": "{{EmptyHash}}",
              "seg00002.ts": "{{AbcHash}}"
            }
            """);

        Assert.Equal(2, hashes.HashesByFileName.Count);
        Assert.Equal(EmptyHash, hashes.HashesByFileName["seg00001.ts"]);
        Assert.Equal(AbcHash, hashes.HashesByFileName["seg00002.ts"]);
    }

    [Fact]
    public void A_segment_finds_its_hash_by_file_name_whatever_its_query_string()
    {
        var hashes = SegmentHashes.ParseSidecar($$"""{"seg 00002.ts": "{{AbcHash}}"}""");
        var segment = new HlsSegment(2, 2002, new Uri("https://cdn.example.com/live/seg%2000002.ts?token=xyz"), null, false, null);

        Assert.Equal(AbcHash, hashes.FindHash(segment));
    }

    [Fact]
    public void A_segment_missing_from_the_sidecar_has_no_hash()
    {
        var hashes = SegmentHashes.ParseSidecar($$"""{"seg00001.ts": "{{AbcHash}}"}""");
        var segment = new HlsSegment(7, 2002, new Uri("https://cdn.example.com/live/seg00007.ts"), null, false, null);

        Assert.Null(hashes.FindHash(segment));
    }

    [Fact]
    public void Segments_of_a_parsed_playlist_match_the_sidecar()
    {
        var playlist = Playlists.LiveWindow(1, 2);
        var hashes = SegmentHashes.ParseSidecar($$"""{"seg00001.ts": "{{EmptyHash}}", "seg00002.ts": "{{AbcHash}}"}""");

        Assert.Equal([EmptyHash, AbcHash], playlist.Segments.Select(hashes.FindHash));
    }

    [Fact]
    public void Uppercase_hex_is_accepted_and_lowered()
    {
        var hashes = SegmentHashes.ParseSidecar($$"""{"a.ts": "{{AbcHash.ToUpperInvariant()}}"}""");

        Assert.Equal(AbcHash, hashes.HashesByFileName["a.ts"]);
    }

    [Fact]
    public void An_empty_object_has_no_hashes() =>
        Assert.Empty(SegmentHashes.ParseSidecar("{}").HashesByFileName);

    [Fact]
    public void A_byte_order_mark_is_skipped() =>
        Assert.Single(SegmentHashes.ParseSidecar($$"""{{'\uFEFF'}}{"a.ts": "{{AbcHash}}"}""").HashesByFileName);

    [Fact]
    public void Malformed_json_names_the_line_where_it_broke()
    {
        var error = Assert.Throws<SegmentHashesFormatException>(() => SegmentHashes.ParseSidecar($$"""
            {
              "seg00001.ts": "{{EmptyHash}}",
              "seg00002.ts" "{{AbcHash}}"
            }
            """));

        Assert.Contains("not valid JSON (line 3,", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"a.ts\": \"abc\",}")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"seg00001.ts\"")]
    [InlineData("<html>502 Bad Gateway</html>")]
    public void Text_that_is_not_a_json_object_is_rejected(string json) =>
        Assert.Throws<SegmentHashesFormatException>(() => SegmentHashes.ParseSidecar(json));

    [Theory]
    [InlineData("\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a\"")]
    [InlineData("\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0\"")]
    [InlineData("\"ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"")]
    [InlineData("\" a7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("[\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"]")]
    [InlineData("{\"sha256\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"}")]
    public void A_value_that_is_not_64_hex_characters_is_rejected_by_file_name(string value)
    {
        var error = Assert.Throws<SegmentHashesFormatException>(() => SegmentHashes.ParseSidecar($$"""{"seg00009.ts": {{value}}}"""));

        Assert.Contains("\"seg00009.ts\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("64 hex characters", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("live/seg00001.ts")]
    [InlineData("..\\\\seg00001.ts")]
    [InlineData("..")]
    public void A_key_that_is_not_a_file_name_is_rejected(string key)
    {
        var error = Assert.Throws<SegmentHashesFormatException>(() => SegmentHashes.ParseSidecar($$"""{"{{key}}": "{{AbcHash}}"}"""));

        Assert.Contains("is not a file name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_name_listed_twice_is_rejected()
    {
        var error = Assert.Throws<SegmentHashesFormatException>(
            () => SegmentHashes.ParseSidecar($$"""{"a.ts": "{{AbcHash}}", "a.ts": "{{EmptyHash}}"}"""));

        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sidecar_larger_than_the_limit_is_rejected_before_it_is_read()
    {
        var json = "{\"a.ts\": \"" + AbcHash + "\"" + new string(' ', SegmentHashes.MaxCharacters) + "}";

        var error = Assert.Throws<SegmentHashesFormatException>(() => SegmentHashes.ParseSidecar(json));

        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }
}
