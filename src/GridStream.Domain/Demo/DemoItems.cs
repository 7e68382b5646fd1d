namespace GridStream.Domain.Demo;

/// <summary>The demo content items the server seeds, known to the demo command as well.</summary>
public static class DemoItems
{
    public static readonly Guid OnDemand = Guid.Parse("0d3e0000-0000-4000-8000-000000000001");
    public static readonly Guid Live = Guid.Parse("0d3e0000-0000-4000-8000-000000000002");
    public static readonly Guid Premium = Guid.Parse("0d3e0000-0000-4000-8000-000000000003");

    /// <summary>The larger of the two demo renditions.</summary>
    public const string Rendition = "640x360";
}
