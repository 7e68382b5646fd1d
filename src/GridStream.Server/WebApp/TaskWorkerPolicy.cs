namespace GridStream.Server.WebApp;

/// <summary>
/// The Content-Security-Policy of the browser's compute worker (web/src/compute/task-worker.ts, which Vite emits as
/// assets/task-worker-[hash].js). A dedicated worker takes its policy from its own script's response, so this one header
/// fences in the customers' task code the worker runs: no connections, no imports or nested workers, nothing but the
/// Function constructor the worker needs to turn a job's code into run(). Deleting globals inside the worker cannot stop
/// import(), which this policy does.
/// </summary>
internal static class TaskWorkerPolicy
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-eval'; connect-src 'none'; worker-src 'none'; child-src 'none'; " +
        "img-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

    private const string WorkerPrefix = "task-worker-";

    /// <summary>Whether the asset is the compute worker's script (not its source map).</summary>
    public static bool Covers(string fileName) =>
        fileName.StartsWith(WorkerPrefix, StringComparison.Ordinal) && fileName.EndsWith(".js", StringComparison.Ordinal);
}
