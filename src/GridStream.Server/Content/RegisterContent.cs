using System.Security.Claims;
using GridStream.Domain.Content;
using GridStream.Server.Accounts;
using GridStream.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridStream.Server.Content;

internal static class RegisterContent
{
    public static async Task<Results<Created<OwnedContent>, ValidationProblem>> HandleAsync(
        ContentRequest request, ClaimsPrincipal user, GridStreamDbContext db, ManifestReadSignal manifestReads, OriginGuard origins,
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

        var now = clock.GetUtcNow();
        var item = new ContentItem
        {
            Id = Guid.CreateVersion7(),
            OwnerId = user.UserId(),
            Title = request.Title!.Trim(),
            MasterPlaylistUrl = request.MasterPlaylistUrl!,
            IsLive = request.Live ?? false,
            PriceMicroCredits = request.PriceMicroCredits!.Value,
            LicenseDays = request.LicenseDays,
            IsPublished = request.Published ?? true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        ManifestReads.MarkPending(item);
        db.ContentItems.Add(item);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        manifestReads.Wake(); // after the save, so the reader finds the item pending
        return TypedResults.Created($"/api/content/{item.Id}", OwnedContent.From(item, []));
    }
}
