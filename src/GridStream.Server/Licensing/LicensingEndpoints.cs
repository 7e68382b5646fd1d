using GridStream.Domain.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace GridStream.Server.Licensing;

internal static class LicensingEndpoints
{
    public static void AddGridStreamLicensing(this WebApplicationBuilder builder)
    {
        var configuredKey = PlaybackTokenKeySource.ConfiguredKey(builder.Configuration);
        builder.Services.AddSingleton(services => new PlaybackTokenKeySource(
            services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IDataProtectionProvider>(), configuredKey));
        builder.Services.AddSingleton<PlaybackGate>();
        builder.Services.AddSingleton<ILicensePayment, LedgerLicensePayment>();
    }

    public static void MapLicensingEndpoints(this IEndpointRouteBuilder app)
    {
        var content = app.MapGroup("/api/content").WithTags("Licenses");
        content.MapPost("/{id:guid}/license", BuyLicense.HandleAsync).RequireAuthorization(Roles.Viewer)
            .WithSummary("Buy a license for an item with credits (idempotent by the Idempotency-Key header); a current license is returned instead of buying twice; 402 when the wallet is short");
        content.MapPost("/{id:guid}/playback-token", IssuePlaybackToken.HandleAsync).RequireAuthorization(Roles.Viewer)
            .WithSummary("A short-lived signed token for the origin (?token=) and the swarm's Register: free items, or priced ones under a current license");
        app.MapGet("/api/licenses", ListLicenses.HandleAsync).RequireAuthorization(Roles.Viewer).WithTags("Licenses")
            .WithSummary("Your licenses, current and expired, newest first");
    }
}
