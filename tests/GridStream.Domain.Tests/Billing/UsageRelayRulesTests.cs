using CsCheck;
using GridStream.Domain.Billing;

namespace GridStream.Domain.Tests.Billing;

public sealed class UsageRelayRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly UsageRelayPolicy Policy = new(BatchSize: 100, AttemptsPerRun: 3,
        FirstDelay: TimeSpan.FromSeconds(1), MaxDelay: TimeSpan.FromMinutes(1));

    [Fact]
    public void Backoff_doubles_per_failed_attempt_up_to_the_cap()
    {
        var delays = Enumerable.Range(1, 9).Select(attempt => RetryBackoff.Delay(attempt, Policy).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Fact]
    public void Backoff_waits_at_least_as_long_as_stripe_asks_but_never_past_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryBackoff.Delay(1, Policy, retryAfter: TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(4), RetryBackoff.Delay(3, Policy, retryAfter: TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromMinutes(1), RetryBackoff.Delay(1, Policy, retryAfter: TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Backoff_never_overflows_and_stays_within_first_delay_and_cap() =>
        Gen.Int[1, int.MaxValue].Sample(attempt =>
        {
            var delay = RetryBackoff.Delay(attempt, UsageRelayPolicy.Default);
            return delay >= UsageRelayPolicy.Default.FirstDelay && delay <= UsageRelayPolicy.Default.MaxDelay;
        });

    [Fact]
    public void Backoff_refuses_a_count_of_zero_failures() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Delay(0, Policy));

    [Fact]
    public void A_recent_row_or_one_a_little_ahead_is_sent_now()
    {
        Assert.Equal(MeterEventTimingKind.Send, MeterEventTiming.Decide(Now.AddDays(-3), Now).Kind);
        Assert.Equal(MeterEventTimingKind.Send, MeterEventTiming.Decide(Now.AddMinutes(4), Now).Kind);
    }

    [Fact]
    public void A_row_further_ahead_than_stripe_accepts_waits_until_it_is_four_minutes_ahead()
    {
        var timing = MeterEventTiming.Decide(Now.AddMinutes(20), Now);

        Assert.Equal(new MeterEventTiming(MeterEventTimingKind.NotYet, Now.AddMinutes(16)), timing);
        Assert.Equal(MeterEventTimingKind.Send, MeterEventTiming.Decide(Now.AddMinutes(20), timing.SendFrom).Kind);
    }

    [Fact]
    public void A_row_near_or_past_stripes_35_day_edge_is_too_old()
    {
        Assert.Equal(MeterEventTimingKind.TooOld, MeterEventTiming.Decide(Now.AddDays(-40), Now).Kind);
        Assert.Equal(MeterEventTimingKind.TooOld, MeterEventTiming.Decide(Now.AddDays(-35).AddMinutes(30), Now).Kind);
        Assert.Equal(MeterEventTimingKind.Send, MeterEventTiming.Decide(Now.AddDays(-35).AddHours(2), Now).Kind);
    }

    [Theory]
    [InlineData(200, null, null, MeterEventOutcome.Accepted)]
    [InlineData(429, "rate_limit", null, MeterEventOutcome.Retry)]
    [InlineData(500, null, null, MeterEventOutcome.Retry)]
    [InlineData(503, null, null, MeterEventOutcome.Retry)]
    [InlineData(409, "idempotency_key_in_use", null, MeterEventOutcome.Retry)]
    [InlineData(400, "duplicate_meter_event", "identifier", MeterEventOutcome.AlreadySent)]
    [InlineData(400, "timestamp_too_far_in_past", "timestamp", MeterEventOutcome.Rejected)]
    [InlineData(400, "idempotency_error", null, MeterEventOutcome.Rejected)]
    [InlineData(401, null, null, MeterEventOutcome.Rejected)]
    public void Stripes_answer_decides_what_happens_to_the_row(int status, string? code, string? param, MeterEventOutcome expected) =>
        Assert.Equal(expected, MeterEventAnswer.Classify(status, code, param, "message").Outcome);

    [Fact]
    public void A_lost_answer_is_retried_and_a_duplicate_named_only_in_the_message_counts_as_sent()
    {
        Assert.Equal(MeterEventOutcome.Retry, MeterEventAnswer.Classify(null).Outcome);
        Assert.Equal(MeterEventOutcome.AlreadySent,
            MeterEventAnswer.Classify(400, "resource_already_exists", "identifier", "An event with identifier '7' already exists.").Outcome);
    }

    [Fact]
    public void Keys_are_derived_from_our_ids_and_differ_per_kind()
    {
        var user = Guid.Parse("0195f7e2-0000-7000-8000-000000000001");

        Assert.Equal("42", StripeKeys.UsageIdentifier(42));
        Assert.Equal("gridstream-usage-42", StripeKeys.UsageIdempotencyKey(42));
        Assert.NotEqual(StripeKeys.CustomerIdempotencyKey(user), StripeKeys.SubscriptionIdempotencyKey(user));
        Assert.Equal(StripeKeys.CustomerIdempotencyKey(user), StripeKeys.CustomerIdempotencyKey(user));
    }

    [Fact]
    public void The_default_policy_is_valid_and_nonsense_is_named()
    {
        Assert.Null(UsageRelayPolicy.Default.Error());
        Assert.Contains("batch size", (Policy with { BatchSize = 0 }).Error());
        Assert.Contains("backoff", (Policy with { MaxDelay = TimeSpan.Zero }).Error());
    }
}
