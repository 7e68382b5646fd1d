namespace GridStream.Domain.Content;

/// <summary>The <c>RESOLUTION</c> of a variant, in pixels.</summary>
public readonly record struct HlsResolution(int Width, int Height)
{
    public override string ToString() => $"{Width}x{Height}";
}
