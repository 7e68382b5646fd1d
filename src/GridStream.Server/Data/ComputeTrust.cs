namespace GridStream.Server.Data;

/// <summary>An account's standing as a compute peer (adaptive replication): consecutive valid results and totals.</summary>
public sealed class ComputeTrust
{
    public Guid AccountId { get; set; }
    public int ConsecutiveValid { get; set; }
    public long ValidResults { get; set; }
    public long InvalidResults { get; set; }
    public long ErrorResults { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// When the account's trust last stood at zero. Units it ran alone since then rest on its honesty alone: if it is
    /// caught lying, they are opened again for a full quorum.
    /// </summary>
    public DateTimeOffset LastZeroAt { get; set; }
}
