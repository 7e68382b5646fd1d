namespace GridStream.Domain.Swarms;

/// <summary>
/// Group sizes (claims 10–12: 5 to 100, best 8 to 10). New groups start at <see cref="TargetSize"/> by borrowing
/// members from full neighbours; a group that would still pass <see cref="MaxSize"/> splits into two halves; a group
/// below <see cref="MinSize"/> is dissolved into its neighbours whenever there are any.
/// </summary>
public sealed record GroupPolicy
{
    public const int Ceiling = 100;

    public GroupPolicy(int minSize = 5, int maxSize = 10, int? targetSize = null)
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

        var target = targetSize ?? Math.Clamp(maxSize - 2, minSize, maxSize);
        if (target < minSize || target > maxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(targetSize), target, "The target size lies between the minimum and the maximum.");
        }

        MinSize = minSize;
        MaxSize = maxSize;
        TargetSize = target;
    }

    public int MinSize { get; }
    public int MaxSize { get; }

    /// <summary>The size a new group starts at when there are full groups to borrow members from (8 with the defaults).</summary>
    public int TargetSize { get; }

    public static GroupPolicy Default { get; } = new();
}
