namespace GridStream.Domain.Content;

/// <summary>A <c>segments-sha256.json</c> sidecar that is not a flat object of file names to SHA-256 hex strings.</summary>
public sealed class SegmentHashesFormatException : FormatException
{
    public SegmentHashesFormatException(string message)
        : base(message)
    {
    }

    public SegmentHashesFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
