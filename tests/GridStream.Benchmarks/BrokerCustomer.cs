using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridStream.Server.Compute;

namespace GridStream.Benchmarks;

/// <summary>
/// The compute customer of the broker benchmark, over the real jobs API: uploads a job of N units as NDJSON, follows
/// it to completion, then reads every result back and checks it.
/// </summary>
internal sealed class BrokerCustomer(HttpClient http) : IDisposable
{
    /// <summary>The task peers would run: the benchmark measures the broker, so the task does nothing.</summary>
    public const string TrivialTask = "function run(input) { return input; }";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<BrokerCustomer> SignUpAsync(Uri server)
    {
        var token = await BenchAccounts.TokenAsync(server, "customer");
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new BrokerCustomer(http);
    }

    /// <summary>Inputs are the unit indexes themselves, so every output can be checked against its index.</summary>
    public async Task<Guid> SubmitAsync(string name, int units, int quorum)
    {
        var body = new StringBuilder(units * 8);
        body.Append(JsonSerializer.Serialize(
            new { name, code = TrivialTask, policy = new { quorum, maxTotalReplicas = Math.Max(6, quorum) }, priceCentsPerUnit = 1 }, Web));
        body.Append('\n');
        for (var i = 0; i < units; i++)
        {
            body.Append(i.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        using var content = new StringContent(body.ToString(), Encoding.UTF8, SubmitJob.NdjsonMediaType);
        using var response = await http.PostAsync("/api/jobs", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The job was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JobDetails>(Web))!.Id;
    }

    public async Task<JobDetails> DetailsAsync(Guid job) =>
        (await http.GetFromJsonAsync<JobDetails>($"/api/jobs/{job}", Web))!;

    /// <summary>Reads every decided unit back: how many have the right output, and how many were accepted on one result alone.</summary>
    public async Task<ResultCheck> CheckResultsAsync(Guid job)
    {
        using var response = await http.GetAsync($"/api/jobs/{job}/results", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var check = new ResultCheck();
        while (await reader.ReadLineAsync() is { } line)
        {
            using var result = JsonDocument.Parse(line);
            var root = result.RootElement;
            if (!root.TryGetProperty("output", out var output))
            {
                check.Failed++;
                continue;
            }

            if (output.ValueKind == JsonValueKind.Number && output.GetInt32() == root.GetProperty("index").GetInt32())
            {
                check.Correct++;
            }
            else
            {
                check.Wrong++;
            }

            if (root.GetProperty("agreed").GetInt32() == 1)
            {
                check.AcceptedAlone++;
            }
        }

        return check;
    }

    public void Dispose() => http.Dispose();
}

internal sealed class ResultCheck
{
    public int Correct { get; set; }
    public int Wrong { get; set; }
    public int Failed { get; set; }
    public int AcceptedAlone { get; set; }
}
