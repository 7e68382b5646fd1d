using Scalar.AspNetCore;

namespace GridStream.Server.Hosting;

/// <summary>The OpenAPI document at /openapi/v1.json and the interactive API page at /scalar.</summary>
internal static class ApiDocumentation
{
    public static void AddGridStreamApiDocumentation(this WebApplicationBuilder builder) => builder.Services.AddOpenApi();

    public static void MapGridStreamApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle("GridStream API")).AllowAnonymous();
    }
}
