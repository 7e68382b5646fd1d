using System.Net;
using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Agent.Watching;

/// <summary>
/// How one headless viewer behaves. <see cref="Speed"/> runs media time faster than real time (2 = twice as fast),
/// for demos and tests; <see cref="BufferAheadSegments"/> is how far ahead of the playhead it fetches, like a player;
/// <see cref="ComputeCores"/> is how many sandboxed tasks it runs at once while watching (0: compute off).
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
    bool ServesCorruptSegments = false,
    int ComputeCores = 0)
{
    /// <summary>Compute is on when the agent gives it at least one core.</summary>
    public bool Computes => ComputeCores > 0;

    public TimeSpan ReportEvery => ReportInterval ?? TimeSpan.FromSeconds(2);
}
