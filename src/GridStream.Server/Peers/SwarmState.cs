using GridStream.Domain.Swarms;

namespace GridStream.Server.Peers;

/// <summary>
/// Everything the manager keeps for one (content, rendition) swarm: its groups, what each member is worth as a
/// source, and each group's fetcher schedule with the fetchers already chosen for recent segments, so that every
/// member asking about segment n hears the same designated fetcher (one it can reach).
/// </summary>
internal sealed class SwarmState(GroupPolicy policy)
{
    private readonly Dictionary<int, FetcherSchedule> _schedules = [];

    public SwarmPartition Partition { get; } = new(policy);
    public Dictionary<Guid, PeerQuality> Quality { get; } = [];

    /// <summary>The rendition's bitrate from its master playlist, when known (0 otherwise): members slower than it don't fetch for the group.</summary>
    public long StreamKbps { get; set; }

    public PeerQuality QualityOf(Guid peer) => Quality.GetValueOrDefault(peer) ?? PeerQuality.Unknown;

    /// <summary>The member <paramref name="requester"/> counts on to fetch the segment from the CDN: itself or a mate it can reach (<see cref="FetcherSchedule"/>).</summary>
    public Guid FetcherFor(SwarmGroup group, long sequence, Guid requester, IReadOnlyDictionary<Guid, FetcherCandidate> candidates)
    {
        if (!_schedules.TryGetValue(group.Id, out var schedule))
        {
            _schedules[group.Id] = schedule = new FetcherSchedule();
        }

        return schedule.FetcherFor(sequence, requester, candidates);
    }

    /// <summary>The group's members with their transports and their share of the CDN fetches (upload and reliability).</summary>
    public IReadOnlyDictionary<Guid, FetcherCandidate> FetcherCandidates(SwarmGroup group, Func<Guid, PeerTransports> transportsOf) =>
        group.Members.ToDictionary(
            member => member.Key,
            member => new FetcherCandidate(
                transportsOf(member.Key),
                FetcherRotation.WeightOf(member.Value.UpKbps, QualityOf(member.Key).Reliability, StreamKbps)));

    public void Forget(Guid peer) => Quality.Remove(peer);

    /// <summary>Drops the schedules of groups that no longer exist.</summary>
    public void PruneSchedules()
    {
        foreach (var gone in _schedules.Keys.Where(id => Partition.FindGroup(id) is null).ToList())
        {
            _schedules.Remove(gone);
        }
    }
}
