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
}
