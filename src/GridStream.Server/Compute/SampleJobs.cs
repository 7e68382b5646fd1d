using System.Collections.Concurrent;
using System.Text.Json;
using GridStream.Domain.Compute;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Compute;

/// <summary>
/// The sample jobs shipped in jobs/: each folder holds job.json (name, description, inputs, policy, price) and task.js.
/// Read on first use and kept; a folder that cannot be read is reported as unknown rather than half-loaded.
/// </summary>
internal sealed class SampleJobs(IOptions<ComputeOptions> options, ILogger<SampleJobs> logger)
{
    private static readonly JsonSerializerOptions JobJson = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, SampleJob?> _loaded = new(StringComparer.Ordinal);

    public string Folder => options.Value.SampleJobsPath ?? Path.Combine(AppContext.BaseDirectory, "jobs");

    public IReadOnlyList<string> Names =>
        Directory.Exists(Folder)
            ? [.. Directory.GetDirectories(Folder).Select(Path.GetFileName).OfType<string>()
                .Where(name => File.Exists(Path.Combine(Folder, name, "job.json"))).Order(StringComparer.Ordinal)]
            : [];

    public SampleJob? Find(string name)
    {
        // Only plain folder names: a sample name never walks out of the jobs folder.
        if (name.Length is 0 or > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        return _loaded.GetOrAdd(name, Load);
    }

    private SampleJob? Load(string name)
    {
        var folder = Path.Combine(Folder, name);
        try
        {
            if (!File.Exists(Path.Combine(folder, "job.json")) || !File.Exists(Path.Combine(folder, "task.js")))
            {
                return null;
            }

            var file = JsonSerializer.Deserialize<SampleJobFile>(File.ReadAllText(Path.Combine(folder, "job.json")), JobJson);
            if (file is null || file.Inputs.ValueKind != JsonValueKind.Array)
            {
                logger.LogWarning("Sample job {Name}: job.json has no inputs array", name);
                return null;
            }

            return new SampleJob(
                name, file.Name ?? name, file.Description, File.ReadAllText(Path.Combine(folder, "task.js")),
                [.. file.Inputs.EnumerateArray().Select(input => input.GetRawText())],
                file.Policy ?? ReplicationPolicy.Default, file.PriceCentsPerUnit ?? 1);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Sample job {Name} could not be read", name);
            return null;
        }
    }

    private sealed record SampleJobFile(string? Name, string? Description, JsonElement Inputs, ReplicationPolicy? Policy, long? PriceCentsPerUnit);
}

internal sealed record SampleJob(
    string FolderName, string Name, string? Description, string Code, IReadOnlyList<string> Inputs, ReplicationPolicy Policy, long PriceCentsPerUnit);
