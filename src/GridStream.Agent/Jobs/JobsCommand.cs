using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GridStream.Agent.Cli;

namespace GridStream.Agent.Jobs;

/// <summary><c>gridstream jobs submit</c>: submits a job folder with an API key, and with --watch shows its progress until it ends.</summary>
internal static class JobsCommand
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    public static Command Create(Func<HttpClient> http, TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("folder") { Description = "A job folder with job.json and task.js, e.g. jobs/primes-in-range" };
        var server = new Option<string>("--server") { Description = "The GridStream server, e.g. http://localhost:5080", Required = true };
        var apiKey = new Option<string>("--api-key") { Description = "A customer API key (gs_…); or set GRIDSTREAM_API_KEY" };
        var watch = new Option<bool>("--watch") { Description = "Show progress until the job ends" };
        var results = new Option<string?>("--results") { Description = "With --watch: save the results (NDJSON) to this file when the job ends" };

        var submit = new Command("submit", "Submit a job folder and print its id (and with --watch, follow it to the end)")
        {
            folder, server, apiKey, watch, results,
        };
        submit.SetAction((parse, cancellationToken) => AgentCommandLine.Guarded(error, async () =>
        {
            var serverUrl = CommonOptions.ParseServer(parse.GetValue(server));
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("GRIDSTREAM_API_KEY")
                ?? throw new AgentFailure("Give --api-key (a customer API key from POST /api/keys) or set GRIDSTREAM_API_KEY.");
            using var client = http();
            var jobs = new JobsClient(client, serverUrl, key);
            var job = await jobs.SubmitAsync(JobFolder.Read(parse.GetValue(folder)!), cancellationToken).ConfigureAwait(false);
            var id = job.GetProperty("id").GetGuid();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Submitted job {id} ({job.GetProperty("units").GetInt32()} units)")).ConfigureAwait(false);
            if (!parse.GetValue(watch))
            {
                return 0;
            }

            var final = await FollowAsync(jobs, id, output, cancellationToken).ConfigureAwait(false);
            var resultsUrl = new Uri(serverUrl, $"api/jobs/{id}/results");
            if (parse.GetValue(results) is { } path)
            {
                var lines = await jobs.DownloadResultsAsync(id, path, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"Saved {lines} results to {path} (also at {resultsUrl})").ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"Results: {resultsUrl}").ConfigureAwait(false);
            }

            return final.GetProperty("state").GetString() == "Completed" ? 0 : AgentCommandLine.Failed;
        }));

        return new Command("jobs", "Compute jobs, as a customer: submit one and follow it") { submit };
    }

    private static async Task<JsonElement> FollowAsync(JobsClient jobs, Guid id, TextWriter output, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await jobs.GetAsync(id, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(ProgressLine(job)).ConfigureAwait(false);
            if (job.GetProperty("state").GetString() != "Running")
            {
                return job;
            }

            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static string ProgressLine(JsonElement job)
    {
        const int width = 30;
        var percent = job.GetProperty("percentDone").GetInt32();
        var filled = Math.Clamp(percent * width / 100, 0, width);
        var counts = job.GetProperty("counts");
        var eta = job.GetProperty("estimatedSecondsLeft") is { ValueKind: JsonValueKind.Number } left ? $" · {left.GetInt64()} s left" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', width - filled)}] {percent,3}% · {counts.GetProperty("accepted").GetInt64()} accepted, {counts.GetProperty("failed").GetInt64()} failed, {counts.GetProperty("inProgress").GetInt64()} running, {counts.GetProperty("waiting").GetInt64()} waiting · {job.GetProperty("unitsPerSecond").GetDouble():0.0} units/s{eta} · {job.GetProperty("costCents").GetInt64()} ¢ · {job.GetProperty("state").GetString()}");
    }
}
