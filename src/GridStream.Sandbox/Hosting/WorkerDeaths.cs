namespace GridStream.Sandbox.Hosting;

/// <summary>Reads why a worker died without answering.</summary>
internal static class WorkerDeaths
{
    /// <summary>
    /// When the heap cap bites where no exception can be thrown (inside the GC, say), the runtime prints its verdict
    /// to stderr and aborts; a SIGKILL (137) we did not send is the kernel's OOM killer.
    /// </summary>
    public static bool RanOutOfMemory(WorkerReply reply) =>
        reply.ExitCode == 137
        || reply.StandardError.Contains("OutOfMemory", StringComparison.OrdinalIgnoreCase)
        || reply.StandardError.Contains("out of memory", StringComparison.OrdinalIgnoreCase);
}
