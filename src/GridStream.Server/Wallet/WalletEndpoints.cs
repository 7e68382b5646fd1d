using GridStream.Domain.Accounts;

namespace GridStream.Server.Wallet;

internal static class WalletEndpoints
{
    public static void MapWalletEndpoints(this IEndpointRouteBuilder app)
    {
        var wallet = app.MapGroup("/api/wallet").WithTags("Wallet").RequireAuthorization(Roles.Viewer);
        wallet.MapGet("/", GetWallet.HandleAsync)
            .WithSummary("Your wallet: credits posted, available and pending (micro-credits and as text), and its transfers newest first (?before=&limit=)");
    }
}
