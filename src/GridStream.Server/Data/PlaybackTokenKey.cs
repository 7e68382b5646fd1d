namespace GridStream.Server.Data;

/// <summary>
/// The HMAC key playback tokens are signed with, when none is configured: one row, made by whichever node needs it
/// first, so every node signs and checks alike. Stored encrypted by Data Protection, whose keys are in this database too.
/// </summary>
public sealed class PlaybackTokenKey
{
    public int Id { get; set; }
    public required string ProtectedKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
