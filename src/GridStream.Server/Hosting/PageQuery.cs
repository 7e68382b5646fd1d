using Microsoft.AspNetCore.Http.HttpResults;

namespace GridStream.Server.Hosting;

/// <summary>The page a list endpoint was asked for (<c>?page=&amp;pageSize=</c>), checked the same way by every list.</summary>
internal readonly record struct PageQuery(int Number, int Size)
{
    public int Skip => (Number - 1) * Size;

    /// <summary>The page asked for (page 1 and <paramref name="defaultSize"/> when absent), or the 400 problem naming the bad parameter.</summary>
    public static (PageQuery Page, ValidationProblem? Problem) Read(int? page, int? pageSize, int defaultSize, int maxSize)
    {
        var query = new PageQuery(page ?? 1, pageSize ?? defaultSize);
        if (query.Number >= 1 && query.Size >= 1 && query.Size <= maxSize)
        {
            return (query, null);
        }

        return (query, TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [query.Number < 1 ? "page" : "pageSize"] = [$"page starts at 1; pageSize is between 1 and {maxSize}."],
        }));
    }
}
