using System.Diagnostics;

namespace GridStream.Browser.Tests.Infrastructure;

/// <summary>
/// The built viewer app the server under test serves: web/build.sh runs once per test process and rebuilds web/dist
/// only when it is missing or older than its sources, so the tests always drive the app as checked out.
/// </summary>
internal static class WebAppBuild
{
    private static readonly Lazy<Task<string>> Built = new(BuildAsync);

    public static Task<string> DistFolderAsync() => Built.Value;

    private static async Task<string> BuildAsync()
    {
        var script = Path.Combine(RepositoryFolder.Root, "web", "build.sh");
        var start = new ProcessStartInfo("bash") { ArgumentList = { script }, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var build = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await build.WaitForExitAsync(patience.Token);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"web/build.sh failed ({build.ExitCode}):\n{await output}\n{await errors}");
        }

        return Path.Combine(RepositoryFolder.Root, "web", "dist");
    }
}
