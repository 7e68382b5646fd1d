namespace GridStream.Server.Data;

/// <summary>
/// A swarm's figures at one moment (FIG. 14 "log client performance", summed over the swarm), written periodically
/// so dashboards can chart P2P share and audience over time. Byte and stall counts are totals since the peers
/// registered; a dashboard charts their differences.
/// </summary>
public sealed class SwarmSnapshot
{
    public long Id { get; set; }
    public Guid ContentItemId { get; set; }
    public required string Rendition { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public int Peers { get; set; }
    public int Groups { get; set; }
    public long CdnBytes { get; set; }
    public long PeerBytes { get; set; }
    public int Stalls { get; set; }
}
