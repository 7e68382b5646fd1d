using GridStream.Domain.Accounts;

namespace GridStream.Server.Demo;

internal static class DemoEndpoints
{
    public static void AddGridStreamDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(DemoOptions.From(builder.Configuration));
        builder.Services.AddScoped<DemoAccounts>();
        builder.Services.AddSingleton<OriginTraffic>();
        builder.Services.AddHostedService<DemoContentSeeder>();
    }

    public static void MapDemoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/origin/{stream}/{**path}", [HttpMethods.Get, HttpMethods.Head], ServeOrigin.HandleAsync).AllowAnonymous().WithTags("Origin")
            .WithSummary("This server's own origin for the demo content: /origin/demo/… (on demand), /origin/demo-live/… (live), /origin/demo-premium/… (priced: segments need ?token=)");
        app.MapGet("/api/origin/traffic", (OriginTraffic traffic) => TypedResults.Ok(traffic.All())).RequireAuthorization(Roles.Admin).WithTags("Origin")
            .WithSummary("Segment requests and bytes the demo origin served per stream since the server started (admins)");
    }
}
