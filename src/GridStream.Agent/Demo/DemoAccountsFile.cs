using System.Diagnostics;
using GridStream.Agent.Cli;
using GridStream.Domain.Demo;

namespace GridStream.Agent.Demo;

/// <summary>Reads the sign-ins the server wrote for its demo accounts (GridStream:Demo:AccountsFile), waiting for a server that is still seeding.</summary>
internal static class DemoAccountsFile
{
    public static string DefaultPath => Path.Combine(".gridstream", "demo-accounts.json");

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<DemoSignIns> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (File.Exists(path) && DemoSignIns.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)) is { } signIns)
            {
                return signIns;
            }

            if (clock.Elapsed > Patience)
            {
                throw new AgentFailure(
                    $"No demo accounts at {Path.GetFullPath(path)}: run the demo from the folder the server runs in, or give --accounts-file (the server writes it when its demo is on).");
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }
}
