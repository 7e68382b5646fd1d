using GridStream.Server.Tests.Infrastructure;
using Npgsql;

namespace GridStream.Server.Tests;

/// <summary>Two server nodes on one database: one follows a live rendition, the other takes over when it stops.</summary>
public sealed class LiveFollowerNodesTests(TestOrigin origin) : IClassFixture<TestOrigin>
{
    [Fact]
    public async Task Only_one_node_follows_a_live_rendition_and_another_takes_over()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        var folder = "nodes-" + Guid.NewGuid().ToString("N")[..8];
        var published = 0;
        void PublishNext()
        {
            origin.PutSegment($"{folder}/s{published}.ts", 100);
            published++;
            var window = Enumerable.Range(Math.Max(0, published - 3), Math.Min(3, published)).Select(i => $"s{i}.ts");
            origin.Put($"{folder}/live.m3u8", TestOrigin.MediaPlaylist(Math.Max(0, published - 3), window, ended: false));
        }

        PublishNext();
        var first = new GridStreamFactory(database);
        await using var second = new GridStreamFactory(database);
        try
        {
            await first.StartAsync();
            using var owner = await first.SignedUpAsync("owner");
            var id = await Manifests.RegisterAsync(owner, origin.Url($"{folder}/live.m3u8"), live: true);
            await Manifests.WaitAsync(owner, id);
            await WaitUntilAsync(() => FollowLocksAsync(database), locks => locks == 1);

            await second.StartAsync();
            for (var i = 0; i < 4; i++)
            {
                PublishNext();
                await Task.Delay(1_000); // two discovery passes of the second node in all
                Assert.Equal(1, await FollowLocksAsync(database));
            }

            await first.DisposeAsync();
            var before = await SegmentCountAsync(database);
            PublishNext();
            PublishNext();
            await WaitUntilAsync(() => SegmentCountAsync(database), count => count >= before + 2);
            Assert.Equal(1, await FollowLocksAsync(database));
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    /// <summary>The session advisory locks held in this database: after start-up, only live followers hold any.</summary>
    private static Task<long> FollowLocksAsync(string database) => CountAsync(database,
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");

    private static Task<long> SegmentCountAsync(string database) => CountAsync(database, "SELECT count(*) FROM manifest_segments");

    private static async Task WaitUntilAsync(Func<Task<long>> read, Func<long, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long last;
        while (!done(last = await read()))
        {
            Assert.True(DateTime.UtcNow < deadline, $"still {last} after 30 s");
            await Task.Delay(200);
        }
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
