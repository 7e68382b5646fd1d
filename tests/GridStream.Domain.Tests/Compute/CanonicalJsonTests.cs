using System.Text.Json;
using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class CanonicalJsonTests
{
    private static string Canonical(string json, int maxDepth = 64)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth });
        return CanonicalJson.Canonicalize(document.RootElement);
    }

    /// <summary>The number serializations of RFC 8785 Appendix B (IEEE 754 bit patterns → text), which JavaScript gives too.</summary>
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Numbers_are_written_as_RFC_8785_prescribes(ulong bits, string expected)
    {
        var value = BitConverter.UInt64BitsToDouble(bits);
        var spelledLong = value.ToString("E16", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, Canonical(spelledLong));
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.0", "1")]
    [InlineData("1e0", "1")]
    [InlineData("10E-1", "1")]
    [InlineData("0.1e1", "1")]
    [InlineData("-0.0", "0")]
    [InlineData("100e-2", "1")]
    [InlineData("1E21", "1e+21")]
    [InlineData("123456789012345678901", "123456789012345680000")]
    [InlineData("12345678901234567890", "12345678901234567000")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("1e-400", "0")]
    public void One_number_has_one_text_however_it_was_spelled(string spelled, string expected) =>
        Assert.Equal(expected, Canonical(spelled));

    /// <summary>RFC 8785 §3.2.3's own example: ordering by UTF-16 code units puts the emoji's surrogates before U+FB33.</summary>
    [Fact]
    public void Keys_are_sorted_by_UTF16_code_units()
    {
        var json = """{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}""";

        var canonical = Canonical(json);

        using var document = JsonDocument.Parse(canonical);
        var values = document.RootElement.EnumerateObject().Select(member => member.Value.GetString()).ToList();
        Assert.Equal(
            ["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"],
            values);
    }

    [Fact]
    public void Insignificant_whitespace_goes_and_nesting_keeps_its_shape()
    {
        var canonical = Canonical(" { \"b\" : [ 1 , { \"d\" : true , \"c\" : null } ] ,\n\t\"a\" : \"x\" } ");

        Assert.Equal("""{"a":"x","b":[1,{"c":null,"d":true}]}""", canonical);
    }

    [Fact]
    public void Strings_are_escaped_minimally_as_JSON_stringify_does()
    {
        var canonical = Canonical("\"\\u0041\\/\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001F\u007f\u2028é\\u00e9\\ud83d\\ude00\"");

        Assert.Equal("\"A/\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028éé\ud83d\ude00\"", canonical);
    }

    /// <summary>JSON.stringify writes a lone surrogate as an escape; two peers returning one must still agree.</summary>
    [Fact]
    public void A_lone_surrogate_stays_an_escape_in_lowercase()
    {
        Assert.Equal("\"a\\ud800b\"", Canonical("\"a\\uD800b\""));
        Assert.Equal("{\"\\udc00\":1}", Canonical("{\"\\uDC00\":1}"));
    }

    [Fact]
    public void A_key_given_twice_has_no_canonical_form()
    {
        var error = Assert.Throws<CanonicalJsonException>(() => Canonical("""{"a":1,"b":2,"a":3}"""));

        Assert.Contains("\"a\" appears twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("[-1e309]")]
    public void A_number_beyond_double_range_has_no_canonical_form(string json)
    {
        var error = Assert.Throws<CanonicalJsonException>(() => Canonical(json));

        Assert.Contains("outside the range of a double", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_rather_than_exhausting_the_stack()
    {
        var depth = CanonicalJson.MaxDepth + 1;
        var json = new string('[', depth) + new string(']', depth);

        Assert.Throws<CanonicalJsonException>(() => Canonical(json, maxDepth: depth + 1));
        Assert.Equal(json[1..^1], Canonical(json[1..^1], maxDepth: depth));
    }

    [Fact]
    public void A_default_element_is_a_clear_argument_error() =>
        Assert.Throws<ArgumentException>(() => CanonicalJson.Canonicalize(default));

    [Fact]
    public void TryCanonicalize_turns_every_bad_output_into_an_error_message()
    {
        Assert.True(CanonicalJson.TryCanonicalize("{\"b\":1.50,\"a\":[]}", out var canonical, out _));
        Assert.Equal("{\"a\":[],\"b\":1.5}", canonical);

        Assert.False(CanonicalJson.TryCanonicalize("{\"a\":", out _, out var truncated));
        Assert.StartsWith("The output is not JSON", truncated, StringComparison.Ordinal);
        Assert.False(CanonicalJson.TryCanonicalize("undefined", out _, out _));
        Assert.False(CanonicalJson.TryCanonicalize("", out _, out _));
        Assert.False(CanonicalJson.TryCanonicalize("NaN", out _, out _));
        Assert.False(CanonicalJson.TryCanonicalize("{\"a\":1,\"a\":1}", out _, out var duplicate));
        Assert.StartsWith("The output has no canonical form", duplicate, StringComparison.Ordinal);
        Assert.False(CanonicalJson.TryCanonicalize(new string('[', 300) + new string(']', 300), out _, out _));
        Assert.False(CanonicalJson.TryCanonicalize("\"\ud800\"", out _, out var unpaired));
        Assert.StartsWith("The output is not valid Unicode text", unpaired, StringComparison.Ordinal);
        Assert.True(CanonicalJson.TryCanonicalize("\"\\ud800\"", out var escaped, out _));
        Assert.Equal("\"\\ud800\"", escaped);
    }

    /// <summary>FIPS 180-2 test vectors.</summary>
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Sha256Hex_is_lowercase_hex_of_the_UTF8_bytes(string text, string expected) =>
        Assert.Equal(expected, CanonicalJson.Sha256Hex(text));

    [Fact]
    public void Sha256Hex_hashes_UTF8_not_UTF16() =>
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("\"é\""u8)),
            CanonicalJson.Sha256Hex(Canonical("\"\\u00e9\"")));
}
