using System.Security.Claims;
using GridStream.Domain.Owners;
using GridStream.Server.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace GridStream.Server.Owners;

/// <summary>
/// GET /api/owner/audience: the owner's items' swarm snapshots of the window, plus each rendition's last snapshot
/// before it as the baseline (snapshot byte counts are running totals, see AudienceShare).
/// </summary>
internal static class GetAudience
{
    public static async Task<Results<Ok<OwnerAudience>, ValidationProblem>> HandleAsync(
        int? days, ClaimsPrincipal user, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!DaysWindow.TryRead(days, clock.GetUtcNow(), out var window, out var problem))
        {
            return problem!;
        }

        var since = window.Start;
        var owner = user.UserId();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var titles = await TitlesAsync(connection, owner, cancellationToken).ConfigureAwait(false);
        var audiences = AudienceShare.Of(await ReadingsAsync(connection, owner, since, cancellationToken).ConfigureAwait(false), since)
            .ToDictionary(a => a.ContentId);
        var items = titles.Select(item => audiences.TryGetValue(item.Id, out var a)
                ? new ItemAudienceView(item.Id, item.Title, a.PeerBytes, a.CdnBytes, a.CdnBytesSaved, a.PeerShare, a.PeakPeers, a.Snapshots)
                : new ItemAudienceView(item.Id, item.Title, 0, 0, 0, null, 0, 0))
            .ToList();
        var total = new ItemAudience(Guid.Empty, items.Sum(i => i.PeerBytes), items.Sum(i => i.CdnBytes), 0, 0);
        return TypedResults.Ok(new OwnerAudience(since, items, total.PeerBytes, total.CdnBytes, total.CdnBytesSaved, total.PeerShare));
    }

    /// <summary>The owner's items, withdrawn ones too (their audience still counts), newest first.</summary>
    private static async Task<List<(Guid Id, string Title)>> TitlesAsync(NpgsqlConnection connection, Guid owner, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """SELECT "Id", "Title" FROM content_items WHERE "OwnerId" = @owner ORDER BY "CreatedAt" DESC""", connection);
        command.Parameters.AddWithValue("owner", owner);
        var items = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return items;
    }

    private static async Task<List<SwarmReading>> ReadingsAsync(
        NpgsqlConnection connection, Guid owner, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH mine AS (SELECT "Id" FROM content_items WHERE "OwnerId" = @owner),
            baselines AS (
                SELECT DISTINCT ON (s."ContentItemId", s."Rendition") s.*
                FROM swarm_snapshots s JOIN mine ON mine."Id" = s."ContentItemId"
                WHERE s."TakenAt" < @since
                ORDER BY s."ContentItemId", s."Rendition", s."TakenAt" DESC)
            SELECT "ContentItemId", "Rendition", "TakenAt", "Peers", "CdnBytes", "PeerBytes" FROM baselines
            UNION ALL
            SELECT s."ContentItemId", s."Rendition", s."TakenAt", s."Peers", s."CdnBytes", s."PeerBytes"
            FROM swarm_snapshots s JOIN mine ON mine."Id" = s."ContentItemId"
            WHERE s."TakenAt" >= @since
            """, connection);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("since", since);
        var readings = new List<SwarmReading>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            readings.Add(new SwarmReading(
                reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt32(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return readings;
    }
}
