namespace GridStream.Domain.Licensing;

/// <summary>What a playback token vouches for: this viewer may fetch this content's segments until this moment.</summary>
public sealed record PlaybackTokenClaims(Guid ViewerId, Guid ContentId, DateTimeOffset ExpiresAt);
