using GridStream.Domain.Swarms.Protocol;

namespace GridStream.Server.Peers;

/// <summary>FIG. 14: update QoS for each stream source and log the client's performance.</summary>
internal static class SubmitReport
{
    public const int MaxNeighbours = 100;

    /// <summary>Far above what any link serves at once; a bigger number is a lie that would only push the peer down the ranking.</summary>
    public const int MaxActiveUploads = 1_000;

    public static ReportOutcome Handle(PeerReport? report, Guid reporter, SwarmRegistry registry)
    {
        if (report?.Neighbours is null || report.Neighbours.Count > MaxNeighbours)
        {
            throw new PeerProtocolException($"A report lists at most {MaxNeighbours} neighbours.");
        }

        if (report.ActiveUploads is < 0 or > MaxActiveUploads)
        {
            throw new PeerProtocolException($"Active uploads are between 0 and {MaxActiveUploads}.");
        }

        if (report.BufferMs < 0 || report.Stalls < 0 || report.CdnBytes < 0 || report.PeerBytes < 0
            || report.Neighbours.Any(n => n is null || n.BytesReceived < 0 || n.RateKbps < 0 || n.RttMs < 0
                || n.Successes < 0 || n.Failures < 0 || n.BadSegments < 0))
        {
            throw new PeerProtocolException("Figures in a report can't be negative.");
        }

        return registry.ApplyReport(reporter, report);
    }
}
