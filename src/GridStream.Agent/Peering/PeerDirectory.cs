using System.Collections.Concurrent;

namespace GridStream.Agent.Peering;

/// <summary>
/// Where each known peer serves its segments, which peers we have told where we serve ours, and which peers we no
/// longer trust because they served a segment whose hash was wrong.
/// </summary>
internal sealed class PeerDirectory
{
    private readonly ConcurrentDictionary<Guid, Uri> _endpoints = new();
    private readonly ConcurrentDictionary<Guid, byte> _toldWhereWeServe = new();
    private readonly ConcurrentDictionary<Guid, byte> _distrusted = new();

    public void Learn(Guid peer, Uri endpoint) => _endpoints[peer] = endpoint;

    public Uri? EndpointOf(Guid peer) => _endpoints.GetValueOrDefault(peer);

    /// <summary>True the first time only, so each peer hears our address once.</summary>
    public bool MarkTold(Guid peer) => _toldWhereWeServe.TryAdd(peer, 0);

    public void Distrust(Guid peer) => _distrusted.TryAdd(peer, 0);

    /// <summary>We registered again under a new peer id: everyone must hear our address anew.</summary>
    public void ForgetWhomWeTold() => _toldWhereWeServe.Clear();

    public bool Knows(Guid peer) => _endpoints.ContainsKey(peer);

    /// <summary>The peers we can ask for segments: known address, not caught serving bad segments.</summary>
    public IReadOnlySet<Guid> Reachable() => _endpoints.Keys.Where(peer => !_distrusted.ContainsKey(peer)).ToHashSet();
}
