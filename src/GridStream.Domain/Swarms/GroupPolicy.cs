namespace GridStream.Domain.Swarms;

/// <summary>
/// Group sizes (claims 10–12: 5 to 100, best 8 to 10). A group that would pass <see cref="MaxSize"/> splits into two
/// halves, so with the defaults groups hold 5–10 peers and mostly 8–10; a group below <see cref="MinSize"/> is dissolved
/// into its neighbours whenever there are any.
/// </summary>
public sealed record GroupPolicy
{
    public const int Ceiling = 100;

    public GroupPolicy(int minSize = 5, int maxSize = 10)
    {
        if (minSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(minSize), minSize, "A group needs at least 2 peers to share anything.");
        }

        if (maxSize > Ceiling)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, $"Groups hold at most {Ceiling} peers.");
        }

        if (maxSize + 1 < 2 * minSize)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize,
                $"A full group plus one must split into two halves of at least {minSize}: maxSize ≥ {2 * minSize - 1}.");
        }

        MinSize = minSize;
        MaxSize = maxSize;
    }

    public int MinSize { get; }
    public int MaxSize { get; }

    public static GroupPolicy Default { get; } = new();
}
