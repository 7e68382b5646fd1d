using GridStream.Domain.Swarms.Playback;

namespace GridStream.Domain.Tests.Swarms.Playback;

public sealed class UploadSlotsTests
{
    [Theory]
    [InlineData(1_000, 700, 1)]
    [InlineData(3_000, 700, 2)]
    [InlineData(10_000, 700, 7)]
    [InlineData(40_000, 700, UploadSlots.MaxSlots)]
    [InlineData(10_000, 2_500, 2)]
    [InlineData(3_000, 2_500, 1)]
    public void Each_upload_gets_at_least_twice_the_stream_bitrate_and_a_link_as_fast_as_the_stream_has_one(long upKbps, long streamKbps, int expected) =>
        Assert.Equal(expected, UploadSlots.For(upKbps, streamKbps));

    [Theory]
    [InlineData(1_000, 2_500)]
    [InlineData(0, 700)]
    public void A_link_slower_than_the_stream_serves_no_one(long upKbps, long streamKbps) =>
        Assert.Equal(0, UploadSlots.For(upKbps, streamKbps));

    [Fact]
    public void An_unknown_bitrate_is_taken_as_the_assumed_one() =>
        Assert.Equal(UploadSlots.For(20_000, UploadSlots.AssumedStreamKbps), UploadSlots.For(20_000, 0));

    [Fact]
    public void A_segment_of_175_000_bytes_in_two_seconds_is_700_kbps() =>
        Assert.Equal(700, UploadSlots.StreamKbpsOf(175_000, 2_000));

    [Fact]
    public void A_segment_without_duration_has_no_bitrate() =>
        Assert.Equal(0, UploadSlots.StreamKbpsOf(175_000, 0));

    [Fact]
    public void Negative_upload_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UploadSlots.For(-1, 700));
}
