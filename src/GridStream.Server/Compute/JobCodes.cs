using System.Collections.Concurrent;
using GridStream.Domain.Compute.Protocol;
using Npgsql;

namespace GridStream.Server.Compute;

/// <summary>A job's code and limits never change once submitted, so leases take them from memory after the first read.</summary>
internal sealed class JobCodes(NpgsqlDataSource dataSource)
{
    private const int MaxCached = 1_000;
    private readonly ConcurrentDictionary<Guid, JobCode> _cache = new();

    public async Task<IReadOnlyList<JobCode>> ForJobsAsync(IReadOnlyList<Guid> jobIds, CancellationToken cancellationToken)
    {
        var missing = jobIds.Where(id => !_cache.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
        {
            await using var command = dataSource.CreateCommand(
                """
                SELECT "Id", "Code", "CodeSha256", "CpuMillisPerUnit", "MemoryMegabytesPerUnit" FROM compute_jobs WHERE "Id" = ANY(@jobs)
                """);
            command.Parameters.AddWithValue("jobs", missing);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_cache.Count >= MaxCached)
                {
                    _cache.Clear();
                }

                var code = new JobCode(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4));
                _cache[code.JobId] = code;
            }
        }

        return [.. jobIds.Select(id => _cache.TryGetValue(id, out var code) ? code : null).OfType<JobCode>()];
    }
}
