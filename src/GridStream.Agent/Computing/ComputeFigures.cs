namespace GridStream.Agent.Computing;

/// <summary>What an agent's compute loop has done so far; safe to read while it runs.</summary>
internal sealed class ComputeFigures
{
    private long _leased;
    private long _succeeded;
    private long _failed;
    private long _recorded;
    private long _refused;
    private long _skipped;

    public long Leased => Interlocked.Read(ref _leased);
    public long Succeeded => Interlocked.Read(ref _succeeded);
    public long Failed => Interlocked.Read(ref _failed);
    public long Recorded => Interlocked.Read(ref _recorded);
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Leases that were past their deadline before a core was free: not run, the server reissues them.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    public void AddLeased(int count) => Interlocked.Add(ref _leased, count);
    public void AddRun(bool succeeded) => Interlocked.Increment(ref succeeded ? ref _succeeded : ref _failed);
    public void AddReceipt(int recorded, int refused)
    {
        Interlocked.Add(ref _recorded, recorded);
        Interlocked.Add(ref _refused, refused);
    }

    public void AddSkipped() => Interlocked.Increment(ref _skipped);
}
