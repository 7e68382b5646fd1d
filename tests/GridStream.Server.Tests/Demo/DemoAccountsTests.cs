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
            await WaitForViewerSignInAsync(again, first.For(Roles.Viewer)!);
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
        await using var command = new NpgsqlCommand(sql, connection)
        {
            Parameters = { new("owner", DemoSignIns.OwnerEmail), new("viewer", DemoSignIns.ViewerEmail) },
        };
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

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

    /// <summary>The seeder runs once the host listens; it has set the viewer's password from the file when that password works.</summary>
    private static async Task WaitForViewerSignInAsync(GridStreamFactory server, DemoSignIn viewer)
    {
        using var anonymous = server.Anonymous();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await anonymous.PostAsJsonAsync("/api/accounts/signin", new { email = viewer.Email, password = viewer.Password })).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the demo viewer never signed in");
            await Task.Delay(200);
        }
    }

    private sealed record MeView(Guid Id, string Email, IReadOnlyList<string> Roles);
}
