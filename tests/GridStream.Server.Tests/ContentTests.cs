using System.Net;
using System.Net.Http.Json;
using GridStream.Server.Tests.Infrastructure;
using Npgsql;

namespace GridStream.Server.Tests;

public sealed class ContentTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private GridStreamFactory Server => fixture.Server;

    private static object Registration(string title, bool published = true, long price = 1_500_000) =>
        new { title, masterPlaylistUrl = "https://cdn.example.com/" + Guid.NewGuid() + "/master.m3u8", live = false, priceMicroCredits = price, published };

    [Fact]
    public async Task An_owner_registers_content_that_appears_in_the_public_catalog()
    {
        using var owner = await Server.SignedUpAsync("owner");
        var title = "Catalogued " + Guid.NewGuid();

        var response = await owner.PostAsJsonAsync("/api/content", Registration(title, price: 2_500_000));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<Owned>();

        using var anyone = Server.Anonymous();
        var catalog = await anyone.GetFromJsonAsync<CatalogPage>("/api/content?pageSize=200");
        var listed = Assert.Single(catalog!.Items, item => item.Id == created!.Id);
        Assert.Equal(title, listed.Title);
        Assert.Equal(2_500_000, listed.PriceMicroCredits);
        Assert.False(listed.Live);
        var single = await anyone.GetFromJsonAsync<Listed>($"/api/content/{created!.Id}");
        Assert.Equal(title, single!.Title);
    }

    [Fact]
    public async Task Unpublished_content_is_seen_only_by_its_owner()
    {
        using var owner = await Server.SignedUpAsync("owner");
        var created = await (await owner.PostAsJsonAsync("/api/content", Registration("Draft", published: false))).Content.ReadFromJsonAsync<Owned>();

        using var anyone = Server.Anonymous();
        using var viewer = await Server.SignedUpAsync("viewer");
        var catalog = await anyone.GetFromJsonAsync<CatalogPage>("/api/content?pageSize=200");

        Assert.DoesNotContain(catalog!.Items, item => item.Id == created!.Id);
        await Problems.ReadAsync(await anyone.GetAsync($"/api/content/{created!.Id}"), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await viewer.GetAsync($"/api/content/{created.Id}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/content/{created.Id}")).StatusCode);
        Assert.Contains(await owner.GetFromJsonAsync<Owned[]>("/api/content/mine") ?? [], item => item.Id == created.Id);
    }

    [Fact]
    public async Task An_owner_changes_and_withdraws_only_their_own_content()
    {
        using var alice = await Server.SignedUpAsync("owner");
        using var bob = await Server.SignedUpAsync("owner");
        var created = await (await alice.PostAsJsonAsync("/api/content", Registration("Alice's"))).Content.ReadFromJsonAsync<Owned>();

        await Problems.ReadAsync(await bob.PutAsJsonAsync($"/api/content/{created!.Id}", Registration("Bob was here")), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await bob.DeleteAsync($"/api/content/{created.Id}"), HttpStatusCode.NotFound);

        var updated = await (await alice.PutAsJsonAsync($"/api/content/{created.Id}", Registration("Alice's, renamed", price: 7))).Content.ReadFromJsonAsync<Owned>();
        Assert.Equal("Alice's, renamed", updated!.Title);
        Assert.Equal(7, updated.PriceMicroCredits);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/content/{created.Id}")).StatusCode);
        using var anyone = Server.Anonymous();
        await Problems.ReadAsync(await anyone.GetAsync($"/api/content/{created.Id}"), HttpStatusCode.NotFound);
        await Problems.ReadAsync(await alice.DeleteAsync($"/api/content/{created.Id}"), HttpStatusCode.NotFound);
        Assert.Equal(1, await CountRowsAsync(created.Id));
    }

    [Fact]
    public async Task Registration_errors_name_the_field_and_store_nothing()
    {
        using var owner = await Server.SignedUpAsync("owner");
        var title = "Never stored " + Guid.NewGuid();

        var problem = await Problems.ReadValidationAsync(await owner.PostAsJsonAsync("/api/content",
            new { title, masterPlaylistUrl = "file:///etc/passwd", priceMicroCredits = -5 }));

        Assert.Equal(["masterPlaylistUrl", "priceMicroCredits"], problem.Errors.Keys.Order());
        Assert.DoesNotContain(await owner.GetFromJsonAsync<Owned[]>("/api/content/mine") ?? [], item => item.Title == title);
    }

    [Fact]
    public async Task A_price_that_is_not_an_integer_is_refused()
    {
        using var owner = await Server.SignedUpAsync("owner");

        var problem = await Problems.ReadValidationAsync(await owner.PostAsync("/api/content", new StringContent(
            """{"title":"Float","masterPlaylistUrl":"https://cdn.example.com/m.m3u8","priceMicroCredits":1.5}""",
            System.Text.Encoding.UTF8, "application/json")));

        Assert.Equal(["priceMicroCredits"], problem.Errors.Keys);
    }

    [Theory]
    [InlineData("?page=0")]
    [InlineData("?pageSize=0")]
    [InlineData("?pageSize=201")]
    [InlineData("?page=abc")]
    public async Task Bad_paging_is_a_400_problem(string query)
    {
        using var anyone = Server.Anonymous();

        await Problems.ReadAsync(await anyone.GetAsync("/api/content" + query), HttpStatusCode.BadRequest);
    }

    private async Task<long> CountRowsAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM content_items WHERE \"Id\" = $1", connection) { Parameters = { new() { Value = id } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record Owned(Guid Id, string Title, string MasterPlaylistUrl, bool Live, long PriceMicroCredits, bool Published);

    private sealed record Listed(Guid Id, string Title, bool Live, long PriceMicroCredits);

    private sealed record CatalogPage(Listed[] Items, int Page, int PageSize, int Total);
}
