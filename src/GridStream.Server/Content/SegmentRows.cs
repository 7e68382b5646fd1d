using GridStream.Server.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GridStream.Server.Content;

/// <summary>Writes manifest segments in one statement, shared by the manifest reader and the live follower.</summary>
internal static class SegmentRows
{
    /// <summary>
    /// Inserts the segments, or overwrites rows with the same sequence number: what the origin lists now is the truth,
    /// and reading the same playlist twice leaves the same rows (the key is (RenditionId, Sequence)).
    /// </summary>
    public static Task<int> UpsertAsync(
        GridStreamDbContext db, Guid renditionId, IReadOnlyList<HashedSegment> segments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (segments.Count == 0)
        {
            return Task.FromResult(0);
        }

        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO manifest_segments ("RenditionId", "Sequence", "DurationMs", "Url", "Sha256", "AddedAt")
            SELECT @rendition, s.sequence, s.duration, s.url, s.sha256, @now
            FROM unnest(@sequences, @durations, @urls, @hashes) AS s(sequence, duration, url, sha256)
            ON CONFLICT ("RenditionId", "Sequence") DO UPDATE
                SET "DurationMs" = excluded."DurationMs", "Url" = excluded."Url", "Sha256" = excluded."Sha256"
                WHERE (manifest_segments."DurationMs", manifest_segments."Url", manifest_segments."Sha256")
                    IS DISTINCT FROM (excluded."DurationMs", excluded."Url", excluded."Sha256")
            """,
            [
                new NpgsqlParameter("rendition", renditionId),
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("sequences", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = segments.Select(s => s.Sequence).ToArray() },
                new NpgsqlParameter("durations", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = segments.Select(s => s.DurationMs).ToArray() },
                new NpgsqlParameter("urls", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = segments.Select(s => s.Url).ToArray() },
                new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = segments.Select(s => s.Sha256).ToArray() },
            ],
            cancellationToken);
    }
}
