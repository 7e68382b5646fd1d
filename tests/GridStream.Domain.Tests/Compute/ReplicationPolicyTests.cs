using System.Text.Json;
using GridStream.Domain.Compute;

namespace GridStream.Domain.Tests.Compute;

public sealed class ReplicationPolicyTests
{
    [Fact]
    public void The_defaults_are_valid_and_match_the_issue()
    {
        var policy = ReplicationPolicy.Default;

        Assert.Empty(policy.Validate());
        Assert.Equal((2, 6, 3, 120, 10_000, 256),
            (policy.Quorum, policy.MaxTotalReplicas, policy.MaxErrors, policy.DeadlineSeconds, policy.CpuMillisPerUnit, policy.MemoryMegabytesPerUnit));
    }

    [Theory]
    [InlineData("quorum", 0)]
    [InlineData("quorum", 11)]
    [InlineData("maxErrors", -1)]
    [InlineData("maxErrors", 21)]
    [InlineData("deadlineSeconds", 4)]
    [InlineData("deadlineSeconds", 86_401)]
    [InlineData("cpuMillisPerUnit", 99)]
    [InlineData("cpuMillisPerUnit", 600_001)]
    [InlineData("memoryMegabytesPerUnit", 15)]
    [InlineData("memoryMegabytesPerUnit", 2_049)]
    public void A_value_out_of_bounds_is_named_by_its_JSON_field(string field, int value)
    {
        var policy = WithField(field, value);

        var errors = policy.Validate();

        Assert.Equal([field], errors.Keys);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(errors[field]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quorum", 1)]
    [InlineData("quorum", 10)]
    [InlineData("maxErrors", 0)]
    [InlineData("maxErrors", 20)]
    [InlineData("deadlineSeconds", 5)]
    [InlineData("deadlineSeconds", 86_400)]
    [InlineData("cpuMillisPerUnit", 100)]
    [InlineData("cpuMillisPerUnit", 600_000)]
    [InlineData("memoryMegabytesPerUnit", 16)]
    [InlineData("memoryMegabytesPerUnit", 2_048)]
    public void The_bounds_themselves_are_allowed(string field, int value) =>
        Assert.Empty(WithField(field, value).Validate());

    [Fact]
    public void Total_replicas_must_cover_the_quorum_and_stay_under_the_ceiling()
    {
        Assert.Equal(["maxTotalReplicas"], new ReplicationPolicy { Quorum = 3, MaxTotalReplicas = 2 }.Validate().Keys);
        Assert.Equal(["maxTotalReplicas"], new ReplicationPolicy { MaxTotalReplicas = 21 }.Validate().Keys);
        Assert.Empty(new ReplicationPolicy { Quorum = 3, MaxTotalReplicas = 3 }.Validate());
        Assert.Empty(new ReplicationPolicy { MaxTotalReplicas = 20 }.Validate());
    }

    [Fact]
    public void An_invalid_quorum_is_one_message_not_two()
    {
        var errors = new ReplicationPolicy { Quorum = 50, MaxTotalReplicas = 20 }.Validate();

        Assert.Equal(["quorum"], errors.Keys);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var errors = new ReplicationPolicy { Quorum = 0, MaxErrors = -1, DeadlineSeconds = 0, CpuMillisPerUnit = 0, MemoryMegabytesPerUnit = 0 }.Validate();

        Assert.Equal(["cpuMillisPerUnit", "deadlineSeconds", "maxErrors", "memoryMegabytesPerUnit", "quorum"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_JSON_a_customer_sends_binds_by_camelCase_names_and_missing_fields_keep_their_defaults()
    {
        var policy = JsonSerializer.Deserialize<ReplicationPolicy>("""{"quorum":3,"maxTotalReplicas":8}""", JsonSerializerOptions.Web)!;

        Assert.Equal(ReplicationPolicy.Default with { Quorum = 3, MaxTotalReplicas = 8 }, policy);
    }

    private static ReplicationPolicy WithField(string field, int value) => field switch
    {
        "quorum" => new ReplicationPolicy { Quorum = value, MaxTotalReplicas = Math.Max(6, value) },
        "maxErrors" => new ReplicationPolicy { MaxErrors = value },
        "deadlineSeconds" => new ReplicationPolicy { DeadlineSeconds = value },
        "cpuMillisPerUnit" => new ReplicationPolicy { CpuMillisPerUnit = value },
        "memoryMegabytesPerUnit" => new ReplicationPolicy { MemoryMegabytesPerUnit = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
