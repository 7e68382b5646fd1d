namespace GridStream.Domain.Licensing;

public enum PlaybackTokenVerdict
{
    Valid,
    Missing,

    /// <summary>Not a token at all, or a token whose signature does not match: forged or altered.</summary>
    Invalid,
    Expired,

    /// <summary>Genuine and unexpired, but issued for another content item.</summary>
    OtherContent,
}

/// <param name="Claims">Set only when the token is genuine (Valid, Expired or OtherContent).</param>
public sealed record PlaybackTokenCheck(PlaybackTokenVerdict Verdict, PlaybackTokenClaims? Claims)
{
    public bool IsValid => Verdict == PlaybackTokenVerdict.Valid;

    /// <summary>Words for the viewer whose token was refused.</summary>
    public string Explanation => Verdict switch
    {
        PlaybackTokenVerdict.Valid => "The playback token is valid.",
        PlaybackTokenVerdict.Missing => "This content is priced: ask POST /api/content/{id}/playback-token for a playback token (a license is needed) and pass it.",
        PlaybackTokenVerdict.Invalid => "The playback token is not one this server issued, or it was altered.",
        PlaybackTokenVerdict.Expired => "The playback token has expired; ask for a new one.",
        PlaybackTokenVerdict.OtherContent => "The playback token was issued for other content.",
        _ => throw new InvalidOperationException($"Unknown verdict {Verdict}."),
    };
}
