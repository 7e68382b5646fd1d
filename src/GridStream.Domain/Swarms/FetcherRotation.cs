namespace GridStream.Domain.Swarms;

/// <summary>
/// Chooses which member of a group fetches each new segment from the CDN (the leapfrog of FIG. 3–9), in rotation
/// weighted by upload capacity and reliability. Smooth weighted round-robin: over any run of picks each member is
/// chosen in proportion to its weight, spread out rather than in bursts, and the result is deterministic.
/// </summary>
public sealed class FetcherRotation
{
    /// <summary>Uploading one 2 Mbit/s rendition to the group takes about this much, so it is one unit of weight.</summary>
    public const long KbpsPerWeightUnit = 2_000;
    public const int MaxWeight = 50;

    private readonly Dictionary<Guid, long> _current = [];

    /// <summary>
    /// A member's share of the CDN fetches. A member whose upload is slower than the stream (when its bitrate is
    /// known) gets none: it could not pass a segment on before its group mates needed it.
    /// </summary>
    public static int WeightOf(long upKbps, int reliability, long streamKbps = 0)
    {
        if (streamKbps > 0 && upKbps < streamKbps)
        {
            return 0;
        }

        var capacity = Math.Clamp(upKbps / KbpsPerWeightUnit, 1, MaxWeight);
        return (int)Math.Max(1, capacity * Math.Clamp(reliability, 0, PeerQuality.FullReliability) / PeerQuality.FullReliability);
    }

    /// <summary>
    /// Picks the next fetcher among the given members and their weights; members not listed are forgotten. Members of
    /// weight 0 are passed over, unless every member has weight 0: then they take turns, since someone has to fetch.
    /// </summary>
    public Guid Next(IReadOnlyDictionary<Guid, int> weights)
    {
        if (weights.Count == 0)
        {
            throw new InvalidOperationException("A group with no members has no fetcher.");
        }

        if (weights.Values.All(weight => weight <= 0))
        {
            weights = weights.ToDictionary(pair => pair.Key, _ => 1);
        }

        foreach (var gone in _current.Keys.Where(peer => !weights.ContainsKey(peer)).ToList())
        {
            _current.Remove(gone);
        }

        var total = 0L;
        var chosen = Guid.Empty;
        var chosenWeight = long.MinValue;
        foreach (var (peer, weight) in weights.Where(pair => pair.Value > 0).OrderBy(pair => pair.Key))
        {
            var current = _current.GetValueOrDefault(peer) + weight;
            _current[peer] = current;
            total += weight;
            if (current > chosenWeight)
            {
                chosenWeight = current;
                chosen = peer;
            }
        }

        _current[chosen] -= total;
        return chosen;
    }
}
