using System.Net;
using System.Text.Json;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests;

public sealed class OperationsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Healthz_checks_the_database_and_hangfire()
    {
        using var client = fixture.Server.Anonymous();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("hangfire").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var client = fixture.Server.Anonymous();

        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/accounts/signup", paths);
        Assert.Contains("/api/keys", paths);
        Assert.Contains("/api/me", paths);
    }

    [Fact]
    public async Task The_api_page_is_served()
    {
        using var client = fixture.Server.Anonymous();

        var page = await client.GetStringAsync("/scalar/");

        Assert.Contains("GridStream API", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_see_the_hangfire_dashboard()
    {
        using var admin = await fixture.Server.AdminAsync();

        var page = await admin.GetStringAsync("/hangfire");

        Assert.Contains("GridStream jobs", page, StringComparison.Ordinal);
    }
}
