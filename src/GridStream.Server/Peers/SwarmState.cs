using GridStream.Domain.Swarms;

namespace GridStream.Server.Peers;

/// <summary>
/// Everything the manager keeps for one (content, rendition) swarm: its groups, what each member is worth as a
/// source, and each group's fetcher rotation with the fetchers already chosen for recent segments, so that every
/// member asking about segment n hears the same designated fetcher.
/// </summary>
internal sealed class SwarmState(GroupPolicy policy)
{
    /// <summary>Plans cover a few segments ahead; remembering this many is plenty and bounds memory per group.</summary>
    private const int RememberedSegments = 256;

    private readonly Dictionary<int, GroupSchedule> _schedules = [];

    public SwarmPartition Partition { get; } = new(policy);
    public Dictionary<Guid, PeerQuality> Quality { get; } = [];

    /// <summary>The rendition's bitrate from its master playlist, when known (0 otherwise): members slower than it don't fetch for the group.</summary>
    public long StreamKbps { get; set; }

    public PeerQuality QualityOf(Guid peer) => Quality.GetValueOrDefault(peer) ?? PeerQuality.Unknown;

    public Guid FetcherFor(SwarmGroup group, long sequence)
    {
        if (!_schedules.TryGetValue(group.Id, out var schedule))
        {
            _schedules[group.Id] = schedule = new GroupSchedule();
        }

        if (schedule.Assigned.TryGetValue(sequence, out var fetcher) && group.Members.ContainsKey(fetcher))
        {
            return fetcher;
        }

        var weights = group.Members.ToDictionary(
            member => member.Key,
            member => FetcherRotation.WeightOf(member.Value.UpKbps, QualityOf(member.Key).Reliability, StreamKbps));
        fetcher = schedule.Rotation.Next(weights);
        schedule.Assigned[sequence] = fetcher;
        if (schedule.Assigned.Count > RememberedSegments)
        {
            schedule.Assigned.Remove(schedule.Assigned.Keys.Min());
        }

        return fetcher;
    }

    public void Forget(Guid peer) => Quality.Remove(peer);

    /// <summary>Drops the schedules of groups that no longer exist.</summary>
    public void PruneSchedules()
    {
        foreach (var gone in _schedules.Keys.Where(id => Partition.FindGroup(id) is null).ToList())
        {
            _schedules.Remove(gone);
        }
    }

    private sealed class GroupSchedule
    {
        public FetcherRotation Rotation { get; } = new();
        public Dictionary<long, Guid> Assigned { get; } = [];
    }
}
