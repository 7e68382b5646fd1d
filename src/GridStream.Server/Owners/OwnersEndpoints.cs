using GridStream.Domain.Accounts;

namespace GridStream.Server.Owners;

/// <summary>The owner dashboard's figures: sales over time and what the P2P swarms saved (issue 8).</summary>
internal static class OwnersEndpoints
{
    public static void MapOwnersEndpoints(this WebApplication app)
    {
        var owners = app.MapGroup("/api/owner").WithTags("Owners").RequireAuthorization(Roles.Owner);
        owners.MapGet("/sales", GetSales.HandleAsync)
            .WithSummary("Your licenses sold and credits earned (your share, micro-credits) per UTC day over the last ?days= days (default 30)");
        owners.MapGet("/audience", GetAudience.HandleAsync)
            .WithSummary("Per item of yours, over the last ?days= days: bytes viewers got from peers (the CDN bytes saved) and from the CDN, the P2P share, peak peers");
    }
}
