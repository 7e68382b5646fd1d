namespace GridStream.Domain.Compute;

/// <summary>
/// Two replicas of one unit never go to the same account or the same subnet: agreement is only evidence when the
/// results are independent, and one person's devices (or one household's accounts) behind one router are not.
/// </summary>
/// <remarks>
/// Pass every replica the unit ever had as holders, finished, errored and timed-out ones too (BOINC's one result per
/// user per work unit): an account whose lease expired must not come back for a second try at the same unit.
/// Subnets are compared as the swarm manager writes them (<c>NetworkProfile.SubnetOf</c>: /24 for IPv4, /48 for IPv6).
/// </remarks>
public static class ReplicaEligibility
{
    public static bool MayTake(IReadOnlyCollection<ReplicaHolder> holders, Guid accountId, string subnet)
    {
        ArgumentNullException.ThrowIfNull(holders);
        ArgumentException.ThrowIfNullOrWhiteSpace(subnet);
        foreach (var holder in holders)
        {
            if (holder.AccountId == accountId || string.Equals(holder.Subnet, subnet, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
