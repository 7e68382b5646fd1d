namespace GridStream.Domain.Compute;

public enum ReplicaStatus
{
    InFlight,
    Succeeded,

    /// <summary>The peer reported that the task failed (an exception, a limit, an output that is not JSON).</summary>
    Errored,

    /// <summary>No answer before the deadline; BOINC counts a missing reply as an error, and so do we.</summary>
    TimedOut,
}
