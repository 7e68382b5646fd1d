using System.Net;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Agent.Watching;

/// <summary>
/// How one headless viewer behaves. <see cref="Speed"/> runs media time faster than real time (2 = twice as fast),
/// for demos and tests; <see cref="BufferAheadSegments"/> is how far ahead of the playhead it fetches, like a player.
/// </summary>
internal sealed record AgentSettings(
    Uri Server,
    ContentRendition Watching,
    DeclaredNetwork Network,
    IPAddress BindAddress,
    double Speed = 1,
    TimeSpan? ReportInterval = null,
    int BufferAheadSegments = 3,
    int CachedSegments = 120,
    bool ServesCorruptSegments = false)
{
    public TimeSpan ReportEvery => ReportInterval ?? TimeSpan.FromSeconds(2);
}
