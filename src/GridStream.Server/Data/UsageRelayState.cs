namespace GridStream.Server.Data;

/// <summary>Where a usage row is on its way to Stripe. Only Pending rows are ever sent.</summary>
public enum UsageRelayState
{
    /// <summary>Waiting for the relay (also while Stripe is not configured, or failing and being retried).</summary>
    Pending,

    /// <summary>Stripe holds exactly one meter event with this row's id as identifier.</summary>
    Sent,

    /// <summary>A zero price: nothing to bill, nothing sent.</summary>
    NothingToBill,

    /// <summary>Older than Stripe accepts (35 days): never sent; listed for an admin to bill another way.</summary>
    TooOld,

    /// <summary>Stripe refused it for good (e.g. the customer was deleted at Stripe); listed for an admin.</summary>
    Rejected,
}
