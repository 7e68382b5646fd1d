namespace GridStream.Server.Peers;

/// <summary>Swarm settings, under GridStream:Swarm in configuration.</summary>
public sealed class SwarmOptions
{
    public int MinGroupSize { get; set; } = 5;
    public int MaxGroupSize { get; set; } = 10;

    /// <summary>CIDR → ASN table; the shipped sample when unset.</summary>
    public string? AsnTablePath { get; set; }

    /// <summary>
    /// Use the address a client declares instead of the one the server sees. Only for running many simulated peers
    /// on one machine (demo, tests): on a real deployment a client could lie its way into another network's groups.
    /// </summary>
    public bool TrustDeclaredAddresses { get; set; }

    /// <summary>Hub calls a connection may make per second on average, and in a burst.</summary>
    public int CallsPerSecond { get; set; } = 20;
    public int CallBurst { get; set; } = 60;

    public int MaxSignalPayloadChars { get; set; } = 16 * 1024;

    /// <summary>How often each swarm's summary is written to swarm_snapshots.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(30);
}
