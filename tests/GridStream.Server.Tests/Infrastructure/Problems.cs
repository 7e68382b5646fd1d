using System.Net;
using System.Text.Json;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>Reads RFC 7807 responses and checks they really are problem details.</summary>
public static class Problems
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("title", out _), "a problem has a title");
        return problem;
    }

    public static async Task<ValidationProblem> ReadValidationAsync(HttpResponseMessage response)
    {
        var problem = await ReadAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(field => field.Name, field => field.Value.EnumerateArray().Select(e => e.GetString()!).ToArray());
        return new ValidationProblem(errors);
    }

    public sealed record ValidationProblem(Dictionary<string, string[]> Errors);
}
