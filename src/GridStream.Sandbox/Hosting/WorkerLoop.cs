using GridStream.Sandbox.Engine;
using GridStream.Sandbox.Protocol;

namespace GridStream.Sandbox.Hosting;

/// <summary>
/// The worker process: says hello, then answers one request frame with one response frame until stdin closes or a
/// unit leaves it unfit for reuse. Nothing else may write to stdout.
/// </summary>
internal static class WorkerLoop
{
    public const string Argument = "worker";

    /// <summary>Larger than any request the pool sends (code ≤ 256 KiB; inputs are capped by the pool).</summary>
    public const int MaxRequestBytes = 128 * 1024 * 1024;

    // Jint's stack guard needs room to notice deep recursion before the OS does: a thread with a generous stack.
    private const int StackBytes = 64 * 1024 * 1024;

    public static int Run()
    {
        using var shutdown = new CancellationTokenSource();
        // SIGTERM stops a running unit at its next check; unhooked before the source is disposed, since ProcessExit
        // also fires on a normal exit.
        EventHandler stop = (_, _) => shutdown.Cancel();
        AppDomain.CurrentDomain.ProcessExit += stop;
        try
        {
            var exitCode = 0;
            var thread = new Thread(() => exitCode = Serve(Console.OpenStandardInput(), Console.OpenStandardOutput(), shutdown.Token), StackBytes)
            {
                Name = "sandbox unit",
            };
            thread.Start();
            thread.Join();
            return exitCode;
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= stop;
        }
    }

    private static int Serve(Stream input, Stream output, CancellationToken shutdown)
    {
        var heapLimit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Frames.Write(output, new WorkerHello(Environment.ProcessId, heapLimit), WorkerJson.Default.WorkerHello);
        var executor = new UnitExecutor(shutdown);
        while (Frames.Read(input, WorkerJson.Default.WorkerRequest, MaxRequestBytes) is { } request)
        {
            var response = executor.Execute(request);
            Frames.Write(output, response, WorkerJson.Default.WorkerResponse);
            if (response.Retire)
            {
                return 0;
            }
        }

        return 0;
    }
}
