using System.Diagnostics;
using System.Globalization;
using System.Net;
using GridStream.Agent.Cli;

namespace GridStream.Agent.Demo;

/// <summary>
/// Makes sure a GridStream server answers at the demo's address. A server already there is used as it is; otherwise,
/// for a loopback address only, this checkout's run command is started in its own session (so it outlives the demo,
/// which leaves it up for the browser), its output going to .gridstream/server.log.
/// </summary>
internal static class ServerStarter
{
    /// <summary>The first start builds the server and the viewer app and makes the demo video: minutes, not seconds.</summary>
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(10);

    /// <returns>The process id of a server this call started; null when one was already running.</returns>
    public static async Task<int?> EnsureRunningAsync(HttpClient http, Uri server, bool mayStart, TextWriter progress, CancellationToken cancellationToken)
    {
        if (await AnswersAsync(http, server, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        if (!mayStart)
        {
            throw new AgentFailure($"No GridStream server answers at {server} (and --no-start was given).");
        }

        if (!server.IsLoopback)
        {
            throw new AgentFailure($"No GridStream server answers at {server}; the demo starts one only on this machine (localhost).");
        }

        var checkout = Checkout() ?? throw new AgentFailure(
            $"No GridStream server answers at {server}, and this is not run from a GridStream checkout, so none can be started: start one with src/GridStream.Server/run.sh.");
        var log = Path.Combine(checkout, ".gridstream", "server.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var process = Start(checkout, server, log);
        await File.WriteAllTextAsync(Path.Combine(checkout, ".gridstream", "server.pid"), process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken)
            .ConfigureAwait(false);
        await progress.WriteLineAsync($"Starting GridStream at {server} (process {process.Id}; log: {log}) — the first start builds it and makes the demo video")
            .ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        var nextNote = TimeSpan.FromSeconds(15);
        while (!await AnswersAsync(http, server, cancellationToken).ConfigureAwait(false))
        {
            if (process.HasExited)
            {
                throw new AgentFailure($"The server stopped while starting (exit code {process.ExitCode}); its last lines:{Environment.NewLine}{Tail(log, 15)}");
            }

            if (clock.Elapsed > StartPatience)
            {
                throw new AgentFailure($"The server did not answer within {StartPatience.TotalMinutes:0} minutes; see {log}.");
            }

            if (clock.Elapsed > nextNote)
            {
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  still starting after {clock.Elapsed.TotalSeconds:0} s: {Shortened(Tail(log, 1))}")).ConfigureAwait(false);
                nextNote += TimeSpan.FromSeconds(15);
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        return process.Id;
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri server, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(server, "healthz"), cancellationToken).ConfigureAwait(false);
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// setsid puts the server in a session of its own, so the demo's Ctrl+C or exit does not reach it; the addresses
    /// the demo's agents declare are trusted, as they all run on this one machine (README, "The demo").
    /// </summary>
    private static Process Start(string checkout, Uri server, string log)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = checkout,
            UseShellExecute = false,
            ArgumentList = { "-c", "exec setsid bash \"$0\" >>\"$1\" 2>&1 </dev/null", Path.Combine(checkout, "src", "GridStream.Server", "run.sh"), log },
        };
        start.Environment["ASPNETCORE_URLS"] = server.GetLeftPart(UriPartial.Authority);
        start.Environment["GridStream__Swarm__TrustDeclaredAddresses"] = "true";
        return Process.Start(start) ?? throw new AgentFailure("Could not start bash to run the server.");
    }

    /// <summary>The checkout the demo runs from: the current folder or one above it, else the one this program was built in.</summary>
    private static string? Checkout()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "GridStream.sln")) && File.Exists(Path.Combine(folder.FullName, "src", "GridStream.Server", "run.sh")))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }

    private static string Shortened(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length <= 100 ? trimmed : trimmed[..99] + "…";
    }

    private static string Tail(string file, int lines)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(file).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
