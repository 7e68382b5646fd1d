using GridStream.Domain.Ledger;

namespace GridStream.Domain.Tests.Ledger;

/// <summary>A review books one transfer per viewer and job and one per job's usage, each row under its transfer's key.</summary>
public sealed class ReviewBookingTests
{
    private static readonly Guid ViewerA = new("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid ViewerB = new("00000000-0000-0000-0000-0000000000a2");
    private static readonly Guid Customer = new("00000000-0000-0000-0000-0000000000c1");
    private static readonly Guid JobOne = new("00000000-0000-0000-0000-0000000000f1");
    private static readonly Guid JobTwo = new("00000000-0000-0000-0000-0000000000f2");

    [Fact]
    public void Credits_are_summed_per_viewer_and_job_under_the_key_of_the_groups_first_replica()
    {
        CreditLine[] credits =
        [
            new(11, ViewerA, JobOne, 3_500), new(12, ViewerB, JobOne, 3_500), new(13, ViewerA, JobOne, 3_500),
            new(14, ViewerA, JobTwo, 700), new(10, ViewerB, JobOne, 3_500),
        ];

        var booking = ComputeTransfers.Book(credits, []);

        Assert.Equal(
        [
            ComputeTransfers.Credit("compute-credit:10", ViewerB, JobOne, 7_000),
            ComputeTransfers.Credit("compute-credit:11", ViewerA, JobOne, 7_000),
            ComputeTransfers.Credit("compute-credit:14", ViewerA, JobTwo, 700),
        ], booking.Transfers);
        Assert.Equal("compute-credit:11", booking.CreditKeys[13]);
        Assert.Equal("compute-credit:10", booking.CreditKeys[12]);
        Assert.Equal(credits.Length, booking.CreditKeys.Count);
        // Every credit is in exactly one transfer, and the transfers add up to the lines.
        Assert.Equal(credits.Sum(c => c.MicroCredits), booking.Transfers.Sum(t => t.Amount));
        Assert.All(booking.Transfers, t => Assert.Null(TransferRules.Validate(t)));
    }

    [Fact]
    public void Usage_is_summed_per_job_and_free_units_get_no_key_and_no_transfer()
    {
        UsageLine[] usage = [new(7, Customer, JobOne, 3), new(5, Customer, JobOne, 3), new(9, Customer, JobTwo, 0), new(8, Customer, JobTwo, 0)];

        var booking = ComputeTransfers.Book([], usage);

        Assert.Equal([ComputeTransfers.Usage("compute-usage:5", Customer, JobOne, 6)], booking.Transfers);
        Assert.Equal(new Dictionary<long, string> { [5] = "compute-usage:5", [7] = "compute-usage:5" }, booking.UsageKeys);
    }

    [Fact]
    public void Nothing_to_book_posts_nothing()
    {
        var booking = ComputeTransfers.Book([], []);

        Assert.Empty(booking.Transfers);
        Assert.Empty(booking.CreditKeys);
        Assert.Empty(booking.UsageKeys);
    }

    [Fact]
    public void A_sum_beyond_a_long_is_refused_rather_than_wrapped()
    {
        CreditLine[] credits = [new(1, ViewerA, JobOne, long.MaxValue), new(2, ViewerA, JobOne, 1)];

        Assert.Throws<OverflowException>(() => ComputeTransfers.Book(credits, []));
    }
}
