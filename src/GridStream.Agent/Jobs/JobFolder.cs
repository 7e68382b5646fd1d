using System.Text.Json;
using System.Text.Json.Nodes;
using GridStream.Agent.Cli;

namespace GridStream.Agent.Jobs;

/// <summary>
/// A job on disk as in jobs/: job.json (name, description, inputs, policy, priceCentsPerUnit) and task.js, read
/// into the body POST /api/jobs takes.
/// </summary>
internal static class JobFolder
{
    public static JsonObject Read(string path)
    {
        var folder = Directory.Exists(path) ? path : throw new AgentFailure($"'{path}' is not a folder; give a job folder such as jobs/primes-in-range");
        var jobFile = Path.Combine(folder, "job.json");
        var taskFile = Path.Combine(folder, "task.js");
        if (!File.Exists(jobFile) || !File.Exists(taskFile))
        {
            throw new AgentFailure($"A job folder holds job.json and task.js; '{folder}' lacks {(File.Exists(jobFile) ? "task.js" : "job.json")}.");
        }

        JsonObject job;
        try
        {
            job = JsonNode.Parse(File.ReadAllText(jobFile)) as JsonObject
                ?? throw new AgentFailure($"{jobFile} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new AgentFailure($"{jobFile} is not valid JSON: {e.Message}", e);
        }

        job.Remove("description");
        job["code"] = File.ReadAllText(taskFile);
        job["name"] ??= Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        return job;
    }
}
