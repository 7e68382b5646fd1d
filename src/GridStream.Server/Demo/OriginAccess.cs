using GridStream.Server.Data;
using GridStream.Server.Licensing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridStream.Server.Demo;

/// <summary>
/// Which origin requests need a playback token: the segments of priced items. Playlists and the hash sidecar stay
/// open — they hold no video, and the manifest reader, which has no viewer behind it, must be able to read them.
/// </summary>
internal static class OriginAccess
{
    public static async Task<ProblemHttpResult?> RefusalAsync(
        string stream, string path, GridStreamDbContext db, PlaybackGate gate, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!path.EndsWith(".ts", StringComparison.Ordinal) || DemoContentSeeder.ItemOf(stream) is not { } itemId)
        {
            return null;
        }

        // The price as it is now: an owner who makes an item free opens it at once, and one who prices it closes it.
        var price = await db.ContentItems.AsNoTracking().Where(c => c.Id == itemId).Select(c => (long?)c.PriceMicroCredits)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (price is null or 0)
        {
            return null;
        }

        var check = await gate.CheckAsync(PlaybackGate.TokenOf(request), itemId, cancellationToken).ConfigureAwait(false);
        return check.IsValid ? null : TypedResults.Problem(
            title: check.Verdict == Domain.Licensing.PlaybackTokenVerdict.Missing ? "Playback token required" : "Playback token refused",
            detail: check.Explanation.Replace("{id}", itemId.ToString(), StringComparison.Ordinal),
            statusCode: check.Verdict == Domain.Licensing.PlaybackTokenVerdict.Missing ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden);
    }
}
