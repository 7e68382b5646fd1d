using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridStream.Agent.Cli;

namespace GridStream.Agent.Jobs;

/// <summary>The customer's side of /api/jobs, with an API key. Problem details from the server become one-line failures.</summary>
internal sealed class JobsClient(HttpClient http, Uri server, string apiKey)
{
    public async Task<JsonElement> SubmitAsync(JsonObject job, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "api/jobs")) { Content = JsonContent.Create(job) };
        return await SendAsync(request, HttpStatusCode.Created, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JsonElement> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, $"api/jobs/{id}"));
        return await SendAsync(request, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the job's NDJSON results to a file as they stream in; returns how many lines.</summary>
    public async Task<long> DownloadResultsAsync(Guid id, string path, CancellationToken cancellationToken)
    {
        using var request = Authorized(new HttpRequestMessage(HttpMethod.Get, new Uri(server, $"api/jobs/{id}/results")));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var file = File.Create(path);
        await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Position = 0;
        long lines = 0;
        using var reader = new StreamReader(file);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            lines++;
        }

        return lines;
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(Authorized(request), cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, expected, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
    }

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        if (response.StatusCode == expected)
        {
            return;
        }

        var detail = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "the API key was not accepted",
            HttpStatusCode.Forbidden => "this account may not submit jobs (it needs the customer role)",
            _ => ProblemText(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)),
        };
        throw new AgentFailure($"The server answered {(int)response.StatusCode}: {detail}");
    }

    /// <summary>The title, detail and field errors of a problem-details body, in one line.</summary>
    private static string ProblemText(string body)
    {
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            var parts = new List<string>();
            if (problem.TryGetProperty("title", out var title))
            {
                parts.Add(title.GetString() ?? "");
            }

            if (problem.TryGetProperty("detail", out var detail))
            {
                parts.Add(detail.GetString() ?? "");
            }

            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(errors.EnumerateObject().Select(field =>
                    $"{field.Name}: {string.Join(" ", field.Value.EnumerateArray().Select(message => message.GetString()))}"));
            }

            return string.Join(" — ", parts.Where(part => part.Length > 0));
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
