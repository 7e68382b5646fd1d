using System.Net;
using System.Net.Http.Json;
using GridStream.Domain.Accounts;
using GridStream.Domain.Demo;
using GridStream.Server.Tests.Infrastructure;
using Npgsql;

namespace GridStream.Server.Tests.Demo;

/// <summary>The demo's accounts through the real host: written to a private file, kept across restarts, renewed when the file is lost.</summary>
public sealed class DemoAccountsTests
{
    [Fact]
    public async Task Without_a_configured_admin_the_demo_writes_four_accounts_to_a_private_file_and_each_signs_in_in_its_role()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        var file = Path.Combine(TempFolders.New("demo-accounts"), "accounts.json");
        await using var server = new GridStreamFactory(database, withDemoContent: true, settings: Settings(file, adminConfigured: false));
        await server.StartAsync();

        var signIns = await WaitForFileAsync(file);

        Assert.Equal([Roles.Owner, Roles.Customer, Roles.Viewer, Roles.Admin], signIns.Accounts.Select(a => a.Role));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        foreach (var account in signIns.Accounts)
        {
            using var client = await server.SignedInAsync(account.Email, account.Password);
            var me = await client.GetFromJsonAsync<MeView>("/api/me");
            Assert.Equal([account.Role], me!.Roles);
        }
    }

    [Fact]
    public async Task A_restart_keeps_the_passwords_and_a_lost_file_gets_new_ones_that_replace_the_old()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        var file = Path.Combine(TempFolders.New("demo-accounts"), "accounts.json");
        DemoSignIns first;
        await using (var server = new GridStreamFactory(database, withDemoContent: true, settings: Settings(file, adminConfigured: true)))
        {
            await server.StartAsync();
            first = await WaitForFileAsync(file);
            Assert.Null(first.For(Roles.Admin));
        }

        // Someone changed the viewer's password behind the demo's back: the file wins at the next start.
        await ExecuteAsync(database,
            "UPDATE \"AspNetUsers\" SET \"PasswordHash\" = (SELECT \"PasswordHash\" FROM \"AspNetUsers\" WHERE \"Email\" = @owner) WHERE \"Email\" = @viewer");
        var written = File.GetLastWriteTimeUtc(file);
        await using (var again = new GridStreamFactory(database, withDemoContent: true, settings: Settings(file, adminConfigured: true)))
        {
            await again.StartAsync();
            await WaitForViewerPasswordResetAsync(database);
            using var signedInAgain = await again.SignedInAsync(first.For(Roles.Viewer)!.Email, first.For(Roles.Viewer)!.Password);
            Assert.Equal(first.ToJson(), (await WaitForFileAsync(file)).ToJson());
            Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        }

        File.Delete(file);
        await using var third = new GridStreamFactory(database, withDemoContent: true, settings: Settings(file, adminConfigured: true));
        await third.StartAsync();
        var renewed = await WaitForFileAsync(file);
        var viewer = renewed.For(Roles.Viewer)!;
        Assert.NotEqual(first.For(Roles.Viewer)!.Password, viewer.Password);
        using var anonymous = third.Anonymous();
        var old = await anonymous.PostAsJsonAsync("/api/accounts/signin", new { email = viewer.Email, password = first.For(Roles.Viewer)!.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var signedIn = await third.SignedInAsync(viewer.Email, viewer.Password);
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = Command(sql, connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = Command(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection) =>
        new(sql, connection) { Parameters = { new("owner", DemoSignIns.OwnerEmail), new("viewer", DemoSignIns.ViewerEmail) } };

    private static Dictionary<string, string> Settings(string file, bool adminConfigured)
    {
        var settings = new Dictionary<string, string> { ["GridStream:Demo:AccountsFile"] = file };
        if (!adminConfigured)
        {
            settings["GridStream:Admin:Email"] = "";
            settings["GridStream:Admin:Password"] = "";
        }

        return settings;
    }

    private static async Task<DemoSignIns> WaitForFileAsync(string file)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (File.Exists(file) && DemoSignIns.Parse(await File.ReadAllTextAsync(file)) is { } signIns)
            {
                return signIns;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{file} was never written");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The seeder runs once the host listens; it is done with the viewer when its hash is set and no longer the owner's. (Not by
    /// trying to sign in: failed attempts would lock the account out.)
    /// </summary>
    private static async Task WaitForViewerPasswordResetAsync(string database)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await ScalarAsync(database,
            "SELECT v.\"PasswordHash\" IS NULL OR v.\"PasswordHash\" = o.\"PasswordHash\" FROM \"AspNetUsers\" v, \"AspNetUsers\" o WHERE v.\"Email\" = @viewer AND o.\"Email\" = @owner") is true)
        {
            Assert.True(DateTime.UtcNow < deadline, "the demo never gave the viewer its password back");
            await Task.Delay(200);
        }
    }

    private sealed record MeView(Guid Id, string Email, IReadOnlyList<string> Roles);
}
