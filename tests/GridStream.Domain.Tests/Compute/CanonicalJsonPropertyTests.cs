using System.Text.Json;
using CsCheck;
using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class CanonicalJsonPropertyTests
{
    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CanonicalJson.Canonicalize(document.RootElement);
    }

    [Fact]
    public void Every_spelling_of_a_value_has_the_same_canonical_text() =>
        Gen.Select(JsonModel.Values, Gen.Int, Gen.Int).Sample((value, seedA, seedB) =>
        {
            var a = value.Spell(new Random(seedA));
            var b = value.Spell(new Random(seedB));

            Assert.Equal(Canonical(a), Canonical(b));
        }, iter: 2_000);

    [Fact]
    public void Changing_any_one_place_changes_the_canonical_text_and_its_hash() =>
        Gen.Select(JsonModel.Values, Gen.Int).Sample((value, seed) =>
        {
            var random = new Random(seed);
            var changed = value.ChangeOnePlace(random);

            var before = Canonical(value.Spell(random));
            var after = Canonical(changed.Spell(random));

            Assert.NotEqual(before, after);
            Assert.NotEqual(CanonicalJson.Sha256Hex(before), CanonicalJson.Sha256Hex(after));
        }, iter: 2_000);

    [Fact]
    public void Canonical_text_is_its_own_canonical_form_and_parses_to_the_same_value() =>
        Gen.Select(JsonModel.Values, Gen.Int).Sample((value, seed) =>
        {
            var canonical = Canonical(value.Spell(new Random(seed)));

            Assert.Equal(canonical, Canonical(canonical));
            Assert.Equal(Canonical(value.Spell(new Random(seed + 1))), canonical);
        }, iter: 1_000);

    [Fact]
    public void Canonical_numbers_read_back_as_the_same_double() =>
        Gen.Long.Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite).Sample(number =>
        {
            var text = Canonical(number.ToString("E16", System.Globalization.CultureInfo.InvariantCulture));

            Assert.Equal(number == 0 ? 0.0 : number, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        }, iter: 10_000);
}
