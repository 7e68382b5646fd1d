using System.Text.Json;
using System.Text.Json.Nodes;

namespace GridStream.Sandbox.Tests.Infrastructure;

/// <summary>A sample job as the repository ships it: jobs/&lt;name&gt;/job.json, task.js and README.md.</summary>
internal sealed record SampleJob(string Name, string Folder, string Code, JsonObject Definition)
{
    public static readonly string[] Names = ["primes-in-range", "monte-carlo-pi", "mandelbrot-tiles", "sha256-prefix"];

    public JsonArray Inputs => Definition["inputs"]!.AsArray();

    public static SampleJob Load(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "jobs", name);
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "job.json")))!.AsObject();
        return new SampleJob(name, folder, File.ReadAllText(Path.Combine(folder, "task.js")), definition);
    }

    public static IEnumerable<string> FoldersOnDisk() =>
        Directory.GetDirectories(Path.Combine(RepositoryRoot(), "jobs")).Select(Path.GetFileName).OfType<string>();

    public async Task<JsonObject> RunAsync(SandboxPool pool, JsonNode input)
    {
        var outcome = await pool.RunAsync(new TaskRun(Code, input.ToJsonString(), Units.Roomy), CancellationToken.None);
        Assert.True(outcome.Succeeded, $"{Name} {input.ToJsonString()}: {outcome.Error}");
        return JsonNode.Parse(outcome.OutputJson!)!.AsObject();
    }

    public static JsonNode Input(object anonymous) => JsonSerializer.SerializeToNode(anonymous)!;

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GridStream.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No GridStream.sln above {AppContext.BaseDirectory}.");
    }
}
