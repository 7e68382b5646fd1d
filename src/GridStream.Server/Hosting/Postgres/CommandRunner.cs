using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GridStream.Server.Hosting.Postgres;

/// <summary>
/// Runs PostgreSQL's programs. initdb and postgres refuse to run as root, so when GridStream runs as root
/// (CI does) they run as the unprivileged <c>postgres</c> system user instead.
/// </summary>
internal sealed class CommandRunner
{
    public const string ServiceUser = "postgres";

    private CommandRunner(bool runAsServiceUser) => RunsAsServiceUser = runAsServiceUser;

    public bool RunsAsServiceUser { get; }

    public static CommandRunner ForCurrentUser()
    {
        if (!IsRoot())
        {
            return new CommandRunner(runAsServiceUser: false);
        }

        var probe = RunRaw("id", ["-u", ServiceUser], TimeSpan.FromSeconds(10));
        if (probe.ExitCode != 0)
        {
            throw new EmbeddedPostgresException(
                $"GridStream runs as root, and PostgreSQL refuses root, but there is no '{ServiceUser}' user to run it as; " +
                $"{PostgresBinaries.InstallHint} (the package creates that user), or run GridStream as a normal user.");
        }

        return new CommandRunner(runAsServiceUser: true);
    }

    public CommandResult Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout) =>
        RunsAsServiceUser
            ? RunRaw("runuser", ["-u", ServiceUser, "--", program, .. arguments], timeout)
            : RunRaw(program, arguments, timeout);

    /// <summary>Hands a file or folder to the user PostgreSQL runs as.</summary>
    public void GiveToServiceUser(string path)
    {
        if (!RunsAsServiceUser)
        {
            return;
        }

        var result = RunRaw("chown", ["-R", $"{ServiceUser}:{ServiceUser}", path], TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new EmbeddedPostgresException($"Could not hand {path} to the '{ServiceUser}' user: {result.Output.Trim()}");
        }
    }

    /// <summary>True when the PostgreSQL user can write in the folder (every parent must be searchable for that).</summary>
    public bool ServiceUserCanWrite(string directory) =>
        !RunsAsServiceUser || RunRaw("runuser", ["-u", ServiceUser, "--", "test", "-w", directory], TimeSpan.FromSeconds(10)).ExitCode == 0;

    public static CommandResult RunRaw(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new EmbeddedPostgresException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new EmbeddedPostgresException($"{program} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, stdout.Result + stderr.Result);
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && NativeMethods.geteuid() == 0;

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        internal static extern uint geteuid();
    }
}

internal sealed record CommandResult(int ExitCode, string Output);
