using System.Net.Http.Json;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>What the owner sees of a content item's manifest, and waiting for it to settle.</summary>
public static class Manifests
{
    public static async Task<Guid> RegisterAsync(HttpClient owner, Uri masterPlaylistUrl, bool live = false, bool published = true)
    {
        var response = await owner.PostAsJsonAsync("/api/content", new
        {
            title = "Manifest " + Guid.NewGuid(), masterPlaylistUrl = masterPlaylistUrl.AbsoluteUri, live, priceMicroCredits = 0, published,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<OwnedView>())!.Id;
    }

    /// <summary>Polls the owner's view until the manifest is no longer Pending and <paramref name="until"/> holds.</summary>
    public static async Task<OwnedView> WaitAsync(HttpClient owner, Guid id, Func<OwnedView, bool>? until = null, int seconds = 30, string? connectionString = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        OwnedView? view = null;
        while (DateTime.UtcNow < deadline)
        {
            view = await owner.GetFromJsonAsync<OwnedView>($"/api/content/{id}");
            if (view!.ManifestState != "Pending" && (until is null || until(view)))
            {
                return view;
            }

            await Task.Delay(200);
        }

        var jobs = connectionString is null ? "" : "\nRecent jobs:\n" + await RecentJobsAsync(connectionString);
        throw new Xunit.Sdk.XunitException($"Content {id} did not settle within {seconds} s; last seen: {view}{jobs}");
    }

    /// <summary>Hangfire's view of the latest jobs, for a failure message: was the read queued, running, retried?</summary>
    public static async Task<string> RecentJobsAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT j.id, j.statename, j.createdat, (SELECT string_agg(s.name || '@' || s.createdat::text || ' ' || coalesce(s.reason, ''), ' > ' ORDER BY s.id) FROM hangfire.state s WHERE s.jobid = j.id) FROM hangfire.job j ORDER BY j.id DESC LIMIT 8",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add($"job {reader.GetInt64(0)} {reader.GetValue(1)} created {reader.GetValue(2)}: {reader.GetValue(3)}");
        }

        foreach (var sql in new[]
        {
            "SELECT 'queue ' || jobid || ' fetched ' || coalesce(fetchedat::text, '-') FROM hangfire.jobqueue",
            "SELECT 'server ' || id || ' heartbeat ' || lastheartbeat::text FROM hangfire.server",
            "SELECT 'lock ' || resource || ' ' || acquired::text FROM hangfire.lock",
            "SELECT 'now ' || now()::text",
        })
        {
            await using var more = new Npgsql.NpgsqlCommand(sql, connection);
            await using var rows = await more.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                lines.Add(rows.GetString(0));
            }
        }

        return string.Join("\n", lines);
    }

    public static async Task<SegmentPage> SegmentsAsync(HttpClient client, Guid id, string rendition, long from = 0, int count = 500) =>
        (await client.GetFromJsonAsync<SegmentPage>($"/api/content/{id}/segments?rendition={Uri.EscapeDataString(rendition)}&from={from}&count={count}"))!;

    public sealed record OwnedView(Guid Id, string MasterPlaylistUrl, bool Live, string ManifestState, string? ManifestError, RenditionView[] Renditions)
    {
        public override string ToString() =>
            $"{ManifestState} {ManifestError} [{string.Join(", ", Renditions.Select(r => $"{r.Name}:{r.SegmentCount}{(r.Ended ? " ended" : "")}"))}]";
    }

    public sealed record RenditionView(string Name, long Bandwidth, string? Resolution, bool Live, bool Ended, int SegmentCount);

    public sealed record SegmentPage(Guid ContentId, string Rendition, bool Live, bool Ended, int TargetDurationMs, SegmentView[] Segments);

    public sealed record SegmentView(long Sequence, int DurationMs, string Url, string Sha256);
}
