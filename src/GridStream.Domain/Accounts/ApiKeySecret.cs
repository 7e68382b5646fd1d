using System.Security.Cryptography;

namespace GridStream.Domain.Accounts;

/// <summary>
/// A customer's API key: <c>gs_</c> followed by 43 base64url characters (32 random bytes).
/// Only the SHA-256 of the whole secret is stored; a fast hash is enough because the secret has 256 bits of entropy,
/// so there is nothing to brute-force, and a fast hash keeps per-request checks cheap.
/// </summary>
public sealed record ApiKeySecret
{
    public const string Marker = "gs_";
    public const int RandomByteCount = 32;
    public const int PrefixLength = 10;
    private const int EncodedLength = 43;

    private ApiKeySecret(string value) => Value = value;

    public string Value { get; }

    /// <summary>The part shown in listings so a customer can tell keys apart; too short to help a guesser.</summary>
    public string Prefix => Value[..PrefixLength];

    public byte[] Hash() => HashOf(Value);

    public static ApiKeySecret FromRandomBytes(ReadOnlySpan<byte> randomBytes)
    {
        if (randomBytes.Length != RandomByteCount)
        {
            throw new ArgumentException($"An API key needs exactly {RandomByteCount} random bytes.", nameof(randomBytes));
        }

        return new ApiKeySecret(Marker + Base64Url.Encode(randomBytes));
    }

    public static ApiKeySecret Generate() => FromRandomBytes(RandomNumberGenerator.GetBytes(RandomByteCount));

    /// <summary>Reads a presented key; null when it can't be one of ours, so no database lookup is spent on it.</summary>
    public static ApiKeySecret? TryParse(string? presented)
    {
        if (presented is null
            || presented.Length != Marker.Length + EncodedLength
            || !presented.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }

        return presented.AsSpan(Marker.Length).ContainsAnyExcept(Base64Url.Alphabet)
            ? null
            : new ApiKeySecret(presented);
    }

    public static bool LooksLikeApiKey(string? presented) =>
        presented is not null && presented.StartsWith(Marker, StringComparison.Ordinal);

    public static byte[] HashOf(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));

    public override string ToString() => Prefix + "…";

    private static class Base64Url
    {
        public static readonly System.Buffers.SearchValues<char> Alphabet =
            System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

        public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }
}
