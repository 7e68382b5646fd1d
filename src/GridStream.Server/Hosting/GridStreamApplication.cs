using GridStream.Server.Accounts;
using GridStream.Server.Accounts.ApiKeys;
using GridStream.Server.Billing;
using GridStream.Server.Compute;
using GridStream.Server.Content;
using GridStream.Server.Licensing;
using GridStream.Server.Peers;
using GridStream.Server.Demo;
using GridStream.Server.Ledger;
using GridStream.Server.Operations;
using GridStream.Server.Owners;
using GridStream.Server.Payouts;
using GridStream.Server.Wallet;
using GridStream.Server.WebApp;

namespace GridStream.Server.Hosting;

/// <summary>The server's parts in the order they are wired; each feature adds its own services and endpoints here.</summary>
internal static class GridStreamApplication
{
    public static void AddGridStream(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddGridStreamErrorHandling();
        builder.AddGridStreamData();
        builder.AddGridStreamAuthentication();
        builder.AddGridStreamHangfire();
        builder.AddGridStreamHealthChecks();
        builder.AddGridStreamApiDocumentation();
        builder.AddGridStreamPeers();
        builder.AddGridStreamContent();
        builder.AddGridStreamDemo();
        builder.AddGridStreamCompute();
        builder.AddGridStreamLedger();
        builder.AddGridStreamLicensing();
        builder.AddGridStreamStripeConnect();
        builder.AddGridStreamPayouts();
        builder.AddGridStreamBilling();
    }

    public static void UseGridStream(this WebApplication app)
    {
        app.UseGridStreamErrorHandling();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOperationsEndpoints();
        app.MapGridStreamApiDocumentation();
        app.MapGridStreamHangfireDashboard();
        app.MapAccountsEndpoints();
        app.MapApiKeysEndpoints();
        app.MapContentEndpoints();
        app.MapPeerHub();
        app.MapComputeEndpoints();
        app.MapLicensingEndpoints();
        app.MapPayoutsEndpoints();
        app.MapStripeConnectEndpoints();
        app.MapOwnersEndpoints();
        app.MapWalletEndpoints();
        app.MapBillingEndpoints();
        app.MapDemoEndpoints();
        app.UseGridStreamWebApp();
    }
}
