using System.CommandLine;
using GridStream.Agent.Jobs;

namespace GridStream.Agent.Cli;

/// <summary>The <c>gridstream</c> command: <c>watch</c>, <c>swarm</c>, <c>jobs</c> and <c>demo</c>. Problems the user can fix end in one line and a non-zero exit.</summary>
public static class AgentCommandLine
{
    public const int Failed = 1;
    public const int Interrupted = 130;

    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var common = new CommonOptions();
        var root = new RootCommand("GridStream's headless peer: watch content with a swarm of viewers, sharing segments peer to peer")
        {
            WatchCommand.Create(common, NewHttpClient, output, error),
            SwarmCommand.Create(common, NewHttpClient, output, error),
            JobsCommand.Create(NewHttpClient, output, error),
            DemoCommand.Create(NewHttpClient, output, error),
        };
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<int> Guarded(TextWriter error, Func<Task<int>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (AgentFailure e)
        {
            await error.WriteLineAsync($"gridstream: {e.Message}").ConfigureAwait(false);
            return Failed;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("gridstream: interrupted").ConfigureAwait(false);
            return Interrupted;
        }
    }

    private static HttpClient NewHttpClient() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
