using System.Diagnostics;
using System.Globalization;

namespace GridStream.Benchmarks;

/// <summary>
/// CPU used by the server, its PostgreSQL (the postmaster and its backends) and this client, when the command line
/// names the first two (--server-pid, --postgres-pid); unknown parts read as zero.
/// </summary>
internal sealed class CpuWatch(int? serverPid, int? postgresPid)
{
    public static (string[] Positional, CpuWatch Watch) FromArguments(string[] arguments)
    {
        var positional = new List<string>();
        int? server = null;
        int? postgres = null;
        for (var i = 0; i < arguments.Length; i++)
        {
            switch (arguments[i])
            {
                case "--server-pid" when i + 1 < arguments.Length:
                    server = int.Parse(arguments[++i], CultureInfo.InvariantCulture);
                    break;
                case "--postgres-pid" when i + 1 < arguments.Length:
                    postgres = int.Parse(arguments[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    positional.Add(arguments[i]);
                    break;
            }
        }

        return ([.. positional], new CpuWatch(server, postgres));
    }

    public CpuTimes Read() => new(
        serverPid is { } server ? ProcessCpu.OfTree(server) : TimeSpan.Zero,
        postgresPid is { } postgres ? ProcessCpu.OfTree(postgres) : TimeSpan.Zero,
        Process.GetCurrentProcess().TotalProcessorTime);
}

internal readonly record struct CpuTimes(TimeSpan Server, TimeSpan Postgres, TimeSpan Client)
{
    public static CpuTimes operator -(CpuTimes after, CpuTimes before) =>
        new(after.Server - before.Server, after.Postgres - before.Postgres, after.Client - before.Client);

    public string PerUnit(long units) => string.Create(CultureInfo.InvariantCulture,
        $"{Micros(Server, units):0}, {Micros(Postgres, units):0}, {Micros(Client, units):0}");

    private static double Micros(TimeSpan time, long units) => time.TotalMicroseconds / Math.Max(1, units);
}
