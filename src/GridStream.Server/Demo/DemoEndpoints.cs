namespace GridStream.Server.Demo;

internal static class DemoEndpoints
{
    public static void AddGridStreamDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(DemoOptions.From(builder.Configuration));
        builder.Services.AddScoped<DemoAccounts>();
        builder.Services.AddHostedService<DemoContentSeeder>();
    }

    public static void MapDemoEndpoints(this IEndpointRouteBuilder app) =>
        app.MapMethods("/origin/{stream}/{**path}", [HttpMethods.Get, HttpMethods.Head], ServeOrigin.HandleAsync).AllowAnonymous().WithTags("Origin")
            .WithSummary("This server's own origin for the demo content: /origin/demo/… (on demand), /origin/demo-live/… (live), /origin/demo-premium/… (priced: segments need ?token=)");
}
