namespace GridStream.Domain.Compute;

/// <summary>
/// A JSON value that has no canonical form: a number outside double precision, a key given twice, nesting beyond
/// <see cref="CanonicalJson.MaxDepth"/>. It derives from <see cref="FormatException"/> so a caller can treat every
/// malformed output alike.
/// </summary>
public sealed class CanonicalJsonException : FormatException
{
    public CanonicalJsonException(string message)
        : base(message)
    {
    }

    public CanonicalJsonException()
    {
    }

    public CanonicalJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
