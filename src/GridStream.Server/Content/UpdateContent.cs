using System.Security.Claims;
using GridStream.Domain.Content;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridStream.Server.Content;

internal static class UpdateContent
{
    /// <summary>A full replacement of the owner's fields; omitted flags keep their current value.</summary>
    public static async Task<Results<Ok<OwnedContent>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid id, ContentRequest request, ClaimsPrincipal user, GridStreamDbContext db, ManifestReadSignal manifestReads, OriginGuard origins,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ContentRules.Check(request.Title, request.MasterPlaylistUrl, request.PriceMicroCredits, request.LicenseDays);
        if (!errors.ContainsKey("masterPlaylistUrl") && origins.CheckLiteral(new Uri(request.MasterPlaylistUrl!)) is { Allowed: false } refused)
        {
            errors["masterPlaylistUrl"] = [refused.Reason!];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var item = await OwnedContentQuery.FindAsync(db, id, user, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return OwnedContentQuery.NotFound(id);
        }

        // Saving a failed item again is how an owner retries after fixing the origin, so that re-reads too.
        var readAgain = item.MasterPlaylistUrl != request.MasterPlaylistUrl || item.ManifestState == ManifestState.Failed;
        item.Title = request.Title!.Trim();
        item.MasterPlaylistUrl = request.MasterPlaylistUrl!;
        if (readAgain)
        {
            ManifestReads.MarkPending(item);
        }

        item.IsLive = request.Live ?? item.IsLive;
        item.PriceMicroCredits = request.PriceMicroCredits!.Value;
        item.LicenseDays = request.LicenseDays; // licenses already sold keep the period they were bought with
        item.IsPublished = request.Published ?? item.IsPublished;
        item.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (readAgain)
        {
            manifestReads.Wake(); // after the save, so the reader finds the item pending
        }

        return TypedResults.Ok(await RenditionSummaries.OwnedViewAsync(db, item, cancellationToken).ConfigureAwait(false));
    }
}
