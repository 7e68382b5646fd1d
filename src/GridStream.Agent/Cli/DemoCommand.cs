using System.CommandLine;
using GridStream.Agent.Connection;
using GridStream.Agent.Demo;

namespace GridStream.Agent.Cli;

/// <summary><c>gridstream demo</c>: the whole loop on one server, started if need be, then a summary and the URL to open.</summary>
internal static class DemoCommand
{
    public const int MaxViewers = 200;

    public static Command Create(Func<HttpClient> http, TextWriter output, TextWriter error)
    {
        var server = new Option<string>("--server") { Description = "The GridStream server; started from this checkout when nothing answers on localhost", DefaultValueFactory = _ => "http://localhost:5080" };
        var seconds = new Option<int>("--seconds") { Description = "How long the swarm watches and computes", DefaultValueFactory = _ => 60 };
        var viewers = new Option<int>("--viewers") { Description = "Headless viewers watching the live demo stream", DefaultValueFactory = _ => 10 };
        var compute = new Option<int>("--compute") { Description = "How many of them compute, each on its own account (the first on the demo viewer's)", DefaultValueFactory = _ => 4 };
        var cores = new Option<int>("--cores") { Description = "Sandbox workers shared by the computing viewers", DefaultValueFactory = _ => 2 };
        var accounts = new Option<string>("--accounts-file") { Description = "The demo accounts file the server wrote", DefaultValueFactory = _ => DemoAccountsFile.DefaultPath };
        var adminEmail = new Option<string?>("--admin-email") { Description = "An admin to sign in as, for a server with a configured admin" };
        var adminPassword = new Option<string?>("--admin-password") { Description = "That admin's password" };
        var noStart = new Option<bool>("--no-start") { Description = "Fail rather than start a server when none answers" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object (progress goes to stderr)" };
        var command = new Command("demo", "Show the whole loop: a swarm watching the live demo stream while it computes a customer's job, credits spent on a license, the owner paid, the books checked");
        foreach (var option in new Option[] { server, seconds, viewers, compute, cores, accounts, adminEmail, adminPassword, noStart, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => AgentCommandLine.Guarded(error, async () =>
        {
            var count = parse.GetValue(viewers);
            if (count is < 1 or > MaxViewers)
            {
                throw new AgentFailure($"--viewers must be between 1 and {MaxViewers}.");
            }

            var computing = parse.GetValue(compute);
            if (computing < 0 || computing > count)
            {
                throw new AgentFailure("--compute must be between 0 and the number of viewers.");
            }

            var duration = parse.GetValue(seconds);
            if (duration < 1)
            {
                throw new AgentFailure("--seconds must be at least 1.");
            }

            Credentials? admin = (parse.GetValue(adminEmail), parse.GetValue(adminPassword)) switch
            {
                (null, null) => null,
                ({ Length: > 0 } email, { Length: > 0 } password) => new Credentials(email, password),
                _ => throw new AgentFailure("Give both --admin-email and --admin-password, or neither."),
            };
            var settings = new DemoSettings(CommonOptions.ParseServer(parse.GetValue(server)), TimeSpan.FromSeconds(duration), count, computing,
                WatchCommand.ComputeCores(parse.GetValue(cores)), parse.GetValue(accounts) ?? DemoAccountsFile.DefaultPath, admin, !parse.GetValue(noStart));
            var asJson = parse.GetValue(json);
            using var client = http();
            var summary = await DemoRun.RunAsync(settings, client, asJson ? error : output, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(asJson ? summary.ToJson() : summary.ToText()).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
