using System.Net;
using GridStream.Server.Tests.Infrastructure;
using Npgsql;

namespace GridStream.Server.Tests.Hosting;

public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task Two_servers_migrating_one_empty_database_at_once_both_start()
    {
        var emptyDatabase = await TestCluster.CreateDatabaseAsync(fromTemplate: false);
        await using var first = new GridStreamFactory(emptyDatabase);
        await using var second = new GridStreamFactory(emptyDatabase);

        await Task.WhenAll(first.StartAsync(), second.StartAsync());

        foreach (var server in new[] { first, second })
        {
            using var client = server.Anonymous();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        }

        await using var connection = new NpgsqlConnection(emptyDatabase);
        await connection.OpenAsync();
        Assert.Equal(await CountAsync(connection, "SELECT count(DISTINCT \"MigrationId\") FROM \"__EFMigrationsHistory\""),
            await CountAsync(connection, "SELECT count(*) FROM \"__EFMigrationsHistory\""));
        Assert.Equal(4, await CountAsync(connection, "SELECT count(*) FROM \"AspNetRoles\""));
        Assert.Equal(1, await CountAsync(connection, "SELECT count(*) FROM \"AspNetUsers\" WHERE \"Email\" = 'admin@gridstream.test'"));
        Assert.Equal(1, await CountAsync(connection, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'hangfire'"));
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
