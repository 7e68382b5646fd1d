using GridStream.Server.Data;

namespace GridStream.Server.Content;

/// <summary>What an owner sends to register or change a content item. Prices are integer micro-credits.</summary>
public sealed record ContentRequest(string? Title, string? MasterPlaylistUrl, bool? Live, long? PriceMicroCredits, bool? Published);

/// <summary>The public view of a catalog item.</summary>
public sealed record CatalogItem(Guid Id, string Title, bool Live, long PriceMicroCredits);

/// <summary>The owner's view, with what only the owner needs.</summary>
public sealed record OwnedContent(
    Guid Id, string Title, string MasterPlaylistUrl, bool Live, long PriceMicroCredits, bool Published,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OwnedContent From(ContentItem item) => new(
        item.Id, item.Title, item.MasterPlaylistUrl, item.IsLive, item.PriceMicroCredits, item.IsPublished, item.CreatedAt, item.UpdatedAt);
}

public sealed record CatalogPage(IReadOnlyList<CatalogItem> Items, int Page, int PageSize, int Total);
