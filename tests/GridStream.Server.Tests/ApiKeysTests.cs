using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridStream.Server.Tests.Infrastructure;
using Npgsql;

namespace GridStream.Server.Tests;

public sealed class ApiKeysTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task A_customer_creates_a_key_that_is_shown_once_and_works_as_a_bearer()
    {
        using var customer = await Server.SignedUpAsync("customer");

        var created = await customer.PostAsJsonAsync("/api/keys", new { name = "batch runner" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.Content.ReadFromJsonAsync<CreatedKey>();
        Assert.StartsWith("gs_", key!.Secret, StringComparison.Ordinal);
        Assert.StartsWith(key.Prefix, key.Secret, StringComparison.Ordinal);

        using var script = Server.WithApiKey(key.Secret);
        var me = await script.GetFromJsonAsync<Me>("/api/me");
        Assert.Equal("api-key", me!.SignedInWith);
        Assert.Equal(["customer"], me.Roles);

        var listing = await customer.GetStringAsync("/api/keys");
        Assert.DoesNotContain(key.Secret, listing, StringComparison.Ordinal);
        var listed = JsonSerializer.Deserialize<KeySummary[]>(listing, JsonSerializerOptions.Web)!.Single(k => k.Id == key.Id);
        Assert.Equal("batch runner", listed.Name);
        Assert.Equal(key.Prefix, listed.Prefix);
        Assert.NotNull(listed.LastUsedAt);
    }

    [Fact]
    public async Task Only_the_hash_of_a_key_is_stored()
    {
        using var customer = await Server.SignedUpAsync("customer");
        var key = await (await customer.PostAsJsonAsync("/api/keys", new { name = "x" })).Content.ReadFromJsonAsync<CreatedKey>();

        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT * FROM api_keys WHERE \"Id\" = $1", connection) { Parameters = { new() { Value = key!.Id } } };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        for (var column = 0; column < reader.FieldCount; column++)
        {
            Assert.NotEqual(key.Secret, reader.GetValue(column) as string);
        }
    }

    [Fact]
    public async Task A_revoked_key_fails_at_once()
    {
        using var customer = await Server.SignedUpAsync("customer");
        var key = await (await customer.PostAsJsonAsync("/api/keys", new { })).Content.ReadFromJsonAsync<CreatedKey>();
        using var script = Server.WithApiKey(key!.Secret);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await customer.DeleteAsync($"/api/keys/{key.Id}")).StatusCode);

        await Problems.ReadAsync(await script.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        var listed = (await customer.GetFromJsonAsync<KeySummary[]>("/api/keys"))!.Single(k => k.Id == key.Id);
        Assert.NotNull(listed.RevokedAt);
        Assert.Equal(HttpStatusCode.NoContent, (await customer.DeleteAsync($"/api/keys/{key.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_customer_cannot_see_or_revoke_another_customers_key()
    {
        using var alice = await Server.SignedUpAsync("customer");
        using var bob = await Server.SignedUpAsync("customer");
        var aliceKey = await (await alice.PostAsJsonAsync("/api/keys", new { name = "alice" })).Content.ReadFromJsonAsync<CreatedKey>();

        await Problems.ReadAsync(await bob.DeleteAsync($"/api/keys/{aliceKey!.Id}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(await bob.GetFromJsonAsync<KeySummary[]>("/api/keys") ?? [], k => k.Id == aliceKey.Id);
        using var aliceScript = Server.WithApiKey(aliceKey.Secret);
        Assert.Equal(HttpStatusCode.OK, (await aliceScript.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData("gs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("gs_not-a-key")]
    [InlineData("plainly-not-a-token")]
    public async Task Unknown_keys_and_tokens_are_401(string presented)
    {
        using var client = Server.WithApiKey(presented);

        await Problems.ReadAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Key_names_are_limited()
    {
        using var customer = await Server.SignedUpAsync("customer");

        var problem = await Problems.ReadValidationAsync(await customer.PostAsJsonAsync("/api/keys", new { name = new string('k', 101) }));

        Assert.Equal(["name"], problem.Errors.Keys);
    }

    private sealed record CreatedKey(Guid Id, string Name, string Prefix, string Secret, DateTimeOffset CreatedAt);

    private sealed record KeySummary(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
}
