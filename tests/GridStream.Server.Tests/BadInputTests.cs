using System.Net;
using System.Text;
using GridStream.Server.Tests.Infrastructure;

namespace GridStream.Server.Tests;

public sealed class BadInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"email\": \"a@b.c\", \"password\": \"x\" \"role\": \"viewer\"}")]
    public async Task Malformed_json_is_a_400_problem(string body)
    {
        using var client = fixture.Server.Anonymous();

        var problem = await Problems.ReadAsync(await client.PostAsync("/api/accounts/signup", Json(body)), HttpStatusCode.BadRequest);

        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_its_field()
    {
        using var client = fixture.Server.Anonymous();

        var problem = await Problems.ReadValidationAsync(
            await client.PostAsync("/api/accounts/signup", Json("{\"email\": \"a@b.c\", \"password\": 12345678, \"role\": \"viewer\"}")));

        Assert.Equal(["password"], problem.Errors.Keys);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        using var client = fixture.Server.Anonymous();
        var huge = "{\"email\": \"" + new string('a', 2 * 1024 * 1024) + "\"}";
        // As a real uploader does: without 100-continue the server refuses on the headers and closes while the client
        // is still writing, and the client sees a broken pipe instead of the 413.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts/signup") { Content = Json(huge) };
        request.Headers.ExpectContinue = true;

        await Problems.ReadAsync(await client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_oversized_chunked_body_is_a_413_problem()
    {
        using var client = fixture.Server.Anonymous();
        // Only just over the 1 MiB limit: the server must read that far to notice. It then answers and closes; a client
        // still writing the last bytes may see the close as a broken pipe instead of the answer (HTTP/1.1 has no way
        // round that), so such a race is tried again rather than taken for the server's fault.
        for (var attempt = 1; ; attempt++)
        {
            var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"email\": \"" + new string('a', 1024 * 1024 + 1024) + "\"}")));
            content.Headers.ContentType = new("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts/signup") { Content = content };
            request.Headers.TransferEncodingChunked = true;
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (HttpRequestException e) when (e.InnerException is IOException && attempt < 5)
            {
                continue;
            }

            await Problems.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
            return;
        }
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_400_problem()
    {
        using var client = fixture.Server.Anonymous();
        var deep = "{\"email\": " + new string('[', 200) + new string(']', 200) + "}";

        await Problems.ReadAsync(await client.PostAsync("/api/accounts/signup", Json(deep)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_wrong_content_type_is_a_415_problem()
    {
        using var client = fixture.Server.Anonymous();

        await Problems.ReadAsync(
            await client.PostAsync("/api/accounts/signup", new StringContent("email=a", Encoding.UTF8, "application/x-www-form-urlencoded")),
            HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var client = fixture.Server.Anonymous();

        await Problems.ReadAsync(await client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var client = fixture.Server.Anonymous();

        await Problems.ReadAsync(await client.GetAsync("/api/accounts/signup"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_malformed_route_value_is_not_a_500()
    {
        using var customer = await fixture.Server.SignedUpAsync("customer");

        await Problems.ReadAsync(await customer.DeleteAsync("/api/keys/not-a-guid"), HttpStatusCode.NotFound);
    }
}
