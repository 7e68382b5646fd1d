using System.CommandLine;
using GridStream.Agent.Swarming;

namespace GridStream.Agent.Cli;

/// <summary><c>gridstream swarm</c>: N headless viewers in one process with varied network profiles, then a summary.</summary>
internal static class SwarmCommand
{
    public const int MaxViewers = 1_000;

    public static Command Create(CommonOptions common, Func<HttpClient> http, TextWriter output, TextWriter error)
    {
        var viewers = new Option<int>("--viewers") { Description = "How many viewers to run", DefaultValueFactory = _ => 10 };
        var corrupt = new Option<int>("--corrupt") { Description = "How many of them serve corrupted segments (to show detection)", DefaultValueFactory = _ => 0 };
        var compute = new Option<int>("--compute") { Description = "How many of the viewers also run compute tasks, each on its own fresh account", DefaultValueFactory = _ => 0 };
        var cores = new Option<int>("--cores") { Description = "Sandbox workers shared by the computing viewers", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object (progress goes to stderr)" };
        var command = new Command("swarm", "Run many headless viewers of one content item and summarize how they shared it");
        common.AddTo(command);
        command.Options.Add(viewers);
        command.Options.Add(corrupt);
        command.Options.Add(compute);
        command.Options.Add(cores);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) => AgentCommandLine.Guarded(error, async () =>
        {
            var count = parse.GetValue(viewers);
            if (count is < 1 or > MaxViewers)
            {
                throw new AgentFailure($"--viewers must be between 1 and {MaxViewers}.");
            }

            var liars = parse.GetValue(corrupt);
            if (liars < 0 || liars > count)
            {
                throw new AgentFailure("--corrupt must be between 0 and the number of viewers.");
            }

            var computing = parse.GetValue(compute);
            if (computing < 0 || computing > count)
            {
                throw new AgentFailure("--compute must be between 0 and the number of viewers.");
            }

            var duration = common.Duration(parse);
            var settings = new SwarmSettings(common.ServerUrl(parse), common.Watching(parse), count, duration,
                common.Credentials(parse), common.SpeedFactor(parse), liars,
                ComputingViewers: computing, ComputeCores: WatchCommand.ComputeCores(parse.GetValue(cores)));
            var asJson = parse.GetValue(json);
            using var client = http();
            var outcomes = await SwarmRunner.RunAsync(settings, client, asJson ? error : output, cancellationToken).ConfigureAwait(false);
            var summary = SwarmSummary.Of((int)duration.TotalSeconds, outcomes);
            await output.WriteLineAsync(asJson ? summary.ToJson() : summary.ToText()).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
