namespace GridStream.Domain.Compute;

/// <summary>How a unit's price becomes viewers' credits: micro-credits per cent, and the viewers' share in percent.</summary>
public sealed record RewardRates(long MicroCreditsPerCent, int ViewerSharePercent);
