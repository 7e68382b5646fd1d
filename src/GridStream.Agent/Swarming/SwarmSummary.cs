using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridStream.Agent.Computing;
using GridStream.Domain.Swarms.Playback;

namespace GridStream.Agent.Swarming;

/// <summary>
/// What a swarm run achieved: the groups the viewers ended in, bytes from peers versus the CDN and the share from
/// peers, stalls, bad segments caught by hash, and peers the server removed.
/// </summary>
internal sealed record SwarmSummary(
    int Viewers,
    int Seconds,
    IReadOnlyList<int> Groups,
    long PeerBytes,
    long CdnBytes,
    [property: JsonPropertyName("p2pShareBasisPoints")] int P2PShareBasisPoints,
    [property: JsonPropertyName("p2pSharePercent")] decimal P2PSharePercent,
    int Segments,
    int Stalls,
    long StalledMs,
    int BadSegments,
    int CdnFallbacks,
    int RemovedPeers,
    long TasksRun = 0,
    long TasksFailed = 0,
    long ResultsTaken = 0,
    int UnreachableFetchers = 0)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict };

    public static SwarmSummary Of(int seconds, IReadOnlyList<AgentOutcome> agents)
    {
        var figures = ViewingFigures.Sum(agents.Select(agent => agent.Figures));
        var groups = agents
            .Where(agent => agent.RemovedBecause is null && agent.GroupId is not null)
            .GroupBy(agent => agent.GroupId)
            .Select(group => group.Count())
            .Order()
            .ToList();
        return new SwarmSummary(agents.Count, seconds, groups, figures.PeerBytes, figures.CdnBytes, figures.PeerShareBasisPoints,
            figures.PeerSharePercent, figures.Segments, figures.Stalls, figures.StalledMs, figures.BadSegments, figures.CdnFallbacks,
            agents.Count(agent => agent.RemovedBecause is not null),
            agents.Sum(agent => (agent.Compute?.Succeeded ?? 0) + (agent.Compute?.Failed ?? 0)),
            agents.Sum(agent => agent.Compute?.Failed ?? 0),
            agents.Sum(agent => agent.Compute?.Recorded ?? 0),
            figures.UnreachableFetchers);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToText()
    {
        var culture = CultureInfo.InvariantCulture;
        return string.Join(Environment.NewLine,
            string.Create(culture, $"Swarm of {Viewers} viewers for {Seconds} s"),
            string.Create(culture, $"  groups:        {Groups.Count} (sizes {string.Join(", ", Groups)})"),
            string.Create(culture, $"  from peers:    {PeerBytes:N0} bytes"),
            string.Create(culture, $"  from the CDN:  {CdnBytes:N0} bytes ({CdnFallbacks} segments as a fallback when peers didn't have them in time)"),
            string.Create(culture, $"  unreachable:   {UnreachableFetchers} segments whose designated fetcher the agent could not reach"),
            string.Create(culture, $"  P2P share:     {P2PSharePercent:0.00}% of segment bytes"),
            string.Create(culture, $"  segments:      {Segments} played, {Stalls} stalls ({StalledMs} ms stalled)"),
            string.Create(culture, $"  bad segments:  {BadSegments} caught by hash, {RemovedPeers} peers removed by the server"),
            string.Create(culture, $"  compute:       {TasksRun} tasks run ({TasksFailed} failed), {ResultsTaken} results taken by the server"));
    }
}

/// <summary>One viewer's part in a swarm run.</summary>
internal sealed record AgentOutcome(
    Guid PeerId, int? GroupId, ViewingFigures Figures, string? RemovedBecause, bool ServedCorruptSegments, ComputeFigures? Compute = null);
