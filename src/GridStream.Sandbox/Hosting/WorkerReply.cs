using GridStream.Sandbox.Protocol;

namespace GridStream.Sandbox.Hosting;

/// <summary>What came back from a worker for one unit: its answer, or how the process failed to give one.</summary>
internal sealed record WorkerReply(WorkerResponse? Response, bool TimedOut, int? ExitCode, string StandardError)
{
    public static WorkerReply Answered(WorkerResponse response) => new(response, false, null, "");

    public static WorkerReply Killed(string standardError) => new(null, true, null, standardError);

    public static WorkerReply Died(int? exitCode, string standardError) => new(null, false, exitCode, standardError);
}
