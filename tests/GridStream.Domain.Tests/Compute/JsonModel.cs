using System.Globalization;
using System.Text;
using CsCheck;

namespace GridStream.Domain.Tests.Compute;

/// <summary>
/// A JSON value as a test model, with generators and a writer that spells one value many ways: members in any order,
/// whitespace anywhere JSON allows it, numbers with moved decimal points, exponents and padding zeros, characters
/// escaped or not. Every spelling must come out of <c>CanonicalJson</c> as the same text.
/// </summary>
internal abstract record JsonModel
{
    public sealed record Null : JsonModel;
    public sealed record Bool(bool Value) : JsonModel;
    public sealed record Number(double Value) : JsonModel;
    public sealed record Text(string Value) : JsonModel;
    public sealed record Array(IReadOnlyList<JsonModel> Items) : JsonModel;
    public sealed record Object(IReadOnlyList<(string Name, JsonModel Value)> Members) : JsonModel;

    private static readonly Gen<double> Doubles = Gen.Frequency(
        (3, Gen.Int[-1_000_000, 1_000_000].Select(i => (double)i)),
        (3, Gen.Select(Gen.Int[-1_000_000, 1_000_000], Gen.Int[0, 12], (i, places) => i / Math.Pow(10, places))),
        (2, Gen.Long.Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite)),
        (1, Gen.OneOf(Gen.Const(0.0), Gen.Const(-0.0), Gen.Const(double.Epsilon), Gen.Const(double.MaxValue), Gen.Const(1e21), Gen.Const(1e-7))));

    /// <summary>Plain letters, the characters JSON must escape, non-ASCII, astral (surrogate pairs) and lone surrogates.</summary>
    private static readonly Gen<string> Strings = Gen.Frequency(
        (4, Gen.Char["abcxyzABC019 _-.:"]),
        (2, Gen.Char["\"\\/\b\f\n\r\t\u0000\u001f\u007f"]),
        (2, Gen.Char["éöß€\u0080\u2028\u2029\ufb33\uffff"]),
        (1, Gen.Char["\ud800\udbff\udc00\udfff"]))
        .Array[0, 12]
        .Select(chars => new string(chars))
        .SelectMany(s => Gen.Bool.Select(astral => astral ? s + "\ud83d\ude00" : s));

    private static readonly Gen<JsonModel> Leaves = Gen.Frequency(
        (1, Gen.Const<JsonModel>(new Null())),
        (1, Gen.Bool.Select(b => (JsonModel)new Bool(b))),
        (3, Doubles.Select(d => (JsonModel)new Number(d))),
        (3, Strings.Select(s => (JsonModel)new Text(s))));

    public static Gen<JsonModel> Values { get; } = Gen.Recursive<JsonModel>((depth, values) => depth >= 4
        ? Leaves
        : Gen.Frequency(
            (3, Leaves),
            (1, values.Array[0, 5].Select(items => (JsonModel)new Array(items))),
            (1, Gen.Select(Strings, values).Array[0, 5].Select(members => (JsonModel)new Object(
                members.DistinctBy(member => member.Item1, StringComparer.Ordinal).ToList())))));

    /// <summary>One of the many texts of this value, chosen by <paramref name="random"/>.</summary>
    public string Spell(Random random)
    {
        var output = new StringBuilder();
        Write(output, this, random);
        return output.ToString();
    }

    /// <summary>The same value with one leaf or container changed so that it is a different JSON value.</summary>
    public JsonModel ChangeOnePlace(Random random)
    {
        switch (this)
        {
            case Array { Items.Count: > 0 } array when random.Next(3) > 0:
                var i = random.Next(array.Items.Count);
                return new Array(array.Items.Select((item, j) => j == i ? item.ChangeOnePlace(random) : item).ToList());
            case Object { Members.Count: > 0 } obj when random.Next(3) > 0:
                var m = random.Next(obj.Members.Count);
                return new Object(obj.Members.Select((member, j) => j == m ? (member.Name, member.Value.ChangeOnePlace(random)) : member).ToList());
            case Array array:
                return new Array([.. array.Items, new Null()]);
            case Object obj:
                var name = "added" + string.Concat(obj.Members.Select(member => member.Name));
                return new Object([.. obj.Members, (name, new Null())]);
            case Null:
                return new Number(0);
            case Bool b:
                return new Bool(!b.Value);
            case Number n:
                var other = Math.BitIncrement(n.Value);
                return new Number(double.IsFinite(other) ? other : Math.BitDecrement(n.Value));
            case Text t:
                return new Text(random.Next(2) == 0 ? t.Value + "x" : "x" + t.Value);
            default:
                throw new InvalidOperationException();
        }
    }

    private static void Write(StringBuilder output, JsonModel value, Random random)
    {
        Space(output, random);
        switch (value)
        {
            case Null:
                output.Append("null");
                break;
            case Bool b:
                output.Append(b.Value ? "true" : "false");
                break;
            case Number n:
                output.Append(SpellNumber(n.Value, random));
                break;
            case Text t:
                WriteString(output, t.Value, random);
                break;
            case Array array:
                output.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    output.Append(i > 0 ? "," : "");
                    Write(output, array.Items[i], random);
                }

                Space(output, random);
                output.Append(']');
                break;
            case Object obj:
                output.Append('{');
                var members = obj.Members.OrderBy(_ => random.Next()).ToList();
                for (var i = 0; i < members.Count; i++)
                {
                    output.Append(i > 0 ? "," : "");
                    Space(output, random);
                    WriteString(output, members[i].Name, random);
                    Space(output, random);
                    output.Append(':');
                    Write(output, members[i].Value, random);
                }

                Space(output, random);
                output.Append('}');
                break;
        }

        Space(output, random);
    }

    private static void Space(StringBuilder output, Random random)
    {
        var count = random.Next(4) == 0 ? random.Next(1, 3) : 0;
        for (var i = 0; i < count; i++)
        {
            output.Append(" \t\n\r"[random.Next(4)]);
        }
    }

    /// <summary>
    /// The exact decimal value of the double's shortest digits D (value = 0.D × 10^n), written with padding zeros, the
    /// point anywhere and a compensating exponent, so every spelling denotes the very same rational number.
    /// </summary>
    private static string SpellNumber(double value, Random random)
    {
        if (value == 0)
        {
            return new[] { "0", "-0", "0.0", "0e5", "-0.000E-3", "0E+0" }[random.Next(6)];
        }

        var sign = value < 0 ? "-" : "";
        var (digits, n) = ShortestDigits(Math.Abs(value));
        digits += new string('0', random.Next(3));

        string integerPart, fraction;
        int exponent;
        if (random.Next(4) == 0)
        {
            var zeros = random.Next(1, 4);
            (integerPart, fraction, exponent) = ("0", new string('0', zeros) + digits, n + zeros);
        }
        else
        {
            var point = random.Next(1, digits.Length + 1);
            (integerPart, fraction, exponent) = (digits[..point], digits[point..], n - point);
        }

        var text = sign + integerPart + (fraction.Length > 0 ? "." + fraction : "");
        if (exponent == 0 && random.Next(2) == 0)
        {
            return text;
        }

        var exponentSign = exponent < 0 ? "-" : random.Next(2) == 0 ? "+" : "";
        return $"{text}{(random.Next(2) == 0 ? 'e' : 'E')}{exponentSign}{Math.Abs(exponent)}";
    }

    private static (string Digits, int Exponent) ShortestDigits(double value)
    {
        var text = value.ToString("E16", CultureInfo.InvariantCulture); // d.dddddddddddddddde±xxx: exact enough to re-read
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var digits = (text[0] + text[2..e]).TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture) + 1);
    }

    private static void WriteString(StringBuilder output, string value, Random random)
    {
        output.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            var mustEscape = c is '"' or '\\' or < ' ' || (char.IsSurrogate(c) && !pair);
            if (!mustEscape && random.Next(4) > 0)
            {
                output.Append(c);
                if (pair)
                {
                    output.Append(value[++i]);
                }

                continue;
            }

            var shortForm = c switch
            {
                '"' => "\\\"", '\\' => "\\\\", '/' => "\\/", '\b' => "\\b", '\f' => "\\f", '\n' => "\\n", '\r' => "\\r", '\t' => "\\t",
                _ => null,
            };
            output.Append(shortForm is not null && random.Next(2) == 0 ? shortForm : Unicode(c, random));
            if (pair)
            {
                output.Append(Unicode(value[++i], random));
            }
        }

        output.Append('"');
    }

    private static string Unicode(char c, Random random) =>
        "\\u" + ((int)c).ToString(random.Next(2) == 0 ? "x4" : "X4", CultureInfo.InvariantCulture);
}
