using GridStream.Server.Tests.Infrastructure;
using Npgsql;

namespace GridStream.Server.Tests;

public sealed class DemoSeedingTests
{
    [Fact]
    public async Task Two_nodes_starting_on_one_database_seed_the_demo_once()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        await using var first = new GridStreamFactory(database, withDemoContent: true);
        await using var second = new GridStreamFactory(database, withDemoContent: true);

        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        await WaitUntilAsync(database, "SELECT count(*) FROM content_items WHERE \"ManifestState\" = 'Ready'", 3);

        Assert.Equal(3, await CountAsync(database, "SELECT count(*) FROM content_items"));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM \"AspNetUsers\" WHERE \"Email\" = 'demo-owner@gridstream.local'"));
        Assert.Equal(6, await CountAsync(database, "SELECT count(*) FROM renditions"));
    }

    private static async Task WaitUntilAsync(string database, string sql, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await CountAsync(database, sql) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"'{sql}' never reached {expected}");
            await Task.Delay(250);
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
