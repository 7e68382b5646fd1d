using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace GridStream.Domain.Licensing;

/// <summary>
/// The signed, expiring proof that a viewer may play a priced item, checked by the origin and by the swarm manager
/// without a database round trip. Layout before base64url: version (1 byte), viewer id (16), content id (16), expiry
/// in Unix seconds (8, big-endian), HMAC-SHA256 of all that (32). Fixed-length binary rather than JSON so there is
/// exactly one encoding of a claim and nothing to parse leniently.
/// </summary>
public static class PlaybackTokens
{
    /// <summary>Short, so a leaked URL with a token in it stops working soon; players renew before it ends.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>HMAC-SHA256 keys shorter than its output weaken it.</summary>
    public const int MinKeyBytes = 32;

    private const byte Version = 1;
    private const int ClaimsBytes = 1 + 16 + 16 + 8;
    private const int SignatureBytes = 32;
    private const int TokenBytes = ClaimsBytes + SignatureBytes;

    /// <summary>Base64url of <see cref="TokenBytes"/> bytes, no padding; anything longer is refused before decoding.</summary>
    public const int TokenLength = (TokenBytes * 8 + 5) / 6;

    /// <summary>A token never outlives the license it was issued under.</summary>
    public static DateTimeOffset ExpiryFor(DateTimeOffset now, DateTimeOffset? licenseExpiresAt)
    {
        var end = now + Lifetime;
        return licenseExpiresAt is { } licenseEnd && licenseEnd < end ? licenseEnd : end;
    }

    public static string Issue(ReadOnlySpan<byte> key, PlaybackTokenClaims claims)
    {
        CheckKey(key);
        Span<byte> token = stackalloc byte[TokenBytes];
        token[0] = Version;
        claims.ViewerId.TryWriteBytes(token[1..17], bigEndian: true, out _);
        claims.ContentId.TryWriteBytes(token[17..33], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(token[33..ClaimsBytes], claims.ExpiresAt.ToUnixTimeSeconds());
        HMACSHA256.HashData(key, token[..ClaimsBytes], token[ClaimsBytes..]);
        return Base64Url.EncodeToString(token);
    }

    public static PlaybackTokenCheck Verify(ReadOnlySpan<byte> key, string? token, Guid contentId, DateTimeOffset now)
    {
        CheckKey(key);
        if (string.IsNullOrEmpty(token))
        {
            return new PlaybackTokenCheck(PlaybackTokenVerdict.Missing, null);
        }

        Span<byte> bytes = stackalloc byte[TokenBytes];
        if (token.Length != TokenLength
            || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != TokenBytes
            || bytes[0] != Version)
        {
            return new PlaybackTokenCheck(PlaybackTokenVerdict.Invalid, null);
        }

        Span<byte> expected = stackalloc byte[SignatureBytes];
        HMACSHA256.HashData(key, bytes[..ClaimsBytes], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[ClaimsBytes..]))
        {
            return new PlaybackTokenCheck(PlaybackTokenVerdict.Invalid, null);
        }

        var claims = new PlaybackTokenClaims(
            new Guid(bytes[1..17], bigEndian: true),
            new Guid(bytes[17..33], bigEndian: true),
            DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes[33..ClaimsBytes])));
        var verdict = claims.ContentId != contentId ? PlaybackTokenVerdict.OtherContent
            : claims.ExpiresAt <= now ? PlaybackTokenVerdict.Expired
            : PlaybackTokenVerdict.Valid;
        return new PlaybackTokenCheck(verdict, claims);
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"A playback token key has at least {MinKeyBytes} bytes.", nameof(key));
        }
    }
}
