using GridStream.Domain.Accounts;

namespace GridStream.Server.Content;

internal static class ContentEndpoints
{
    public static void MapContentEndpoints(this IEndpointRouteBuilder app)
    {
        var content = app.MapGroup("/api/content").WithTags("Content");
        content.MapGet("/", ListCatalog.HandleAsync).AllowAnonymous()
            .WithSummary("The public catalog of published content: id, title, live or on-demand, price");
        content.MapGet("/{id:guid}", GetContent.HandleAsync).AllowAnonymous()
            .WithSummary("One item: public if published; its owner also sees it unpublished");
        content.MapGet("/{id:guid}/segments", GetSegments.HandleAsync).AllowAnonymous()
            .WithSummary("A rendition's segments from a sequence number on: sequence, duration, URL and SHA-256 (published items, or your own)");
        content.MapGet("/{id:guid}/playback", GetPlayback.HandleAsync).RequireAuthorization(Roles.Viewer)
            .WithSummary("What a player needs: each rendition's name, bandwidth, resolution and media playlist URL (published items)");
        content.MapGet("/mine", ListMyContent.HandleAsync).RequireAuthorization(Roles.Owner)
            .WithSummary("Your registered content, published or not");
        content.MapPost("/", RegisterContent.HandleAsync).RequireAuthorization(Roles.Owner)
            .WithSummary("Register a content item by its HLS master playlist URL, with a price in micro-credits");
        content.MapPut("/{id:guid}", UpdateContent.HandleAsync).RequireAuthorization(Roles.Owner)
            .WithSummary("Change one of your content items");
        content.MapDelete("/{id:guid}", DeleteContent.HandleAsync).RequireAuthorization(Roles.Owner)
            .WithSummary("Withdraw one of your content items from the catalog");
    }
}
