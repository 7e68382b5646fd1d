using GridStream.Domain.Swarms.Playback;

namespace GridStream.Domain.Tests.Swarms.Playback;

public sealed class PlayoutBufferTests
{
    [Fact]
    public void Playback_starts_once_the_startup_amount_is_buffered_and_consumes_media_time()
    {
        var player = new PlayoutBuffer(startupMs: 1_000);
        player.Advance(0);
        player.Append(500);
        Assert.False(player.IsPlaying);

        player.Append(500);
        player.Advance(400);

        Assert.True(player.IsPlaying);
        Assert.Equal(400, player.PlayedMs);
        Assert.Equal(600, player.BufferMs);
        Assert.Equal(0, player.Stalls);
    }

    [Fact]
    public void Running_dry_counts_one_stall_and_its_duration_until_playback_resumes()
    {
        var player = new PlayoutBuffer(startupMs: 500);
        player.Advance(0);
        player.Append(500);

        player.Advance(800);
        player.Advance(1_000);
        player.Append(500);
        player.Advance(1_100);

        Assert.Equal(1, player.Stalls);
        Assert.Equal(500, player.StalledMs);
        Assert.Equal(600, player.PlayedMs);
        Assert.True(player.IsPlaying);
    }

    [Fact]
    public void Reaching_the_end_of_the_content_is_not_a_stall()
    {
        var player = new PlayoutBuffer(startupMs: 500);
        player.Advance(0);
        player.Append(500);
        player.MarkEnded();

        player.Advance(2_000);

        Assert.Equal(0, player.Stalls);
        Assert.Equal(0, player.StalledMs);
        Assert.Equal(500, player.PlayedMs);
    }

    [Fact]
    public void Nothing_counts_as_stalled_before_playback_first_starts()
    {
        var player = new PlayoutBuffer(startupMs: 500);
        player.Advance(0);
        player.Advance(3_000);

        Assert.Equal(0, player.StalledMs);
        Assert.False(player.HasStarted);
    }
}
