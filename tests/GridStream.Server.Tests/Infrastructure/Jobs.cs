using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>A compute customer's view of the jobs API.</summary>
internal static class Jobs
{
    public const string Doubling = "function run(input) { return { doubled: input * 2 }; }";

    public static async Task<JsonElement> SubmitAsync(HttpClient customer, object job)
    {
        var response = await customer.PostAsJsonAsync("/api/jobs", job);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetAsync(HttpClient customer, Guid job) =>
        await customer.GetFromJsonAsync<JsonElement>($"/api/jobs/{job}");

    /// <summary>The job's NDJSON results, one parsed line per decided unit.</summary>
    public static async Task<List<JsonElement>> ResultsAsync(HttpClient customer, Guid job)
    {
        var response = await customer.GetAsync($"/api/jobs/{job}/results");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    public static async Task<JsonElement> WaitForStateAsync(HttpClient customer, Guid job, string state, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var details = await GetAsync(customer, job);
            if (details.GetProperty("state").GetString() == state)
            {
                return details;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"Job {job} never reached {state}: {await GetAsync(customer, job)}");
    }

    public static Guid IdOf(JsonElement job) => job.GetProperty("id").GetGuid();

    /// <summary>The doubled input as run() would return it, for peers that answer honestly.</summary>
    public static string Doubled(GridStream.Domain.Compute.Protocol.WorkLease lease) =>
        JsonSerializer.Serialize(new { doubled = JsonDocument.Parse(lease.InputJson).RootElement.GetInt64() * 2 });
}
