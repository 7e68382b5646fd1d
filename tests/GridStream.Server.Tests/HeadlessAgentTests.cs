using System.Text.Json;
using GridStream.Agent.Cli;
using GridStream.Agent.Swarming;
using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace GridStream.Server.Tests;

/// <summary>
/// The headless agent against the real server, a real origin and each other: real SignalR, real HTTP between agents,
/// real hashes. Segments are half a second long so a few seconds of watching cover many segments.
/// </summary>
public sealed class HeadlessAgentTests(ServerFixture fixture, ITestOutputHelper log) : IClassFixture<ServerFixture>
{
    private const int SegmentMs = 500;
    private const int SegmentBytes = 24_000;
    private static readonly TimeSpan FastReports = TimeSpan.FromMilliseconds(500);

    private GridStreamFactory Server => fixture.Server;

    [Fact]
    public async Task Twenty_five_agents_end_in_groups_of_five_to_ten_and_get_most_bytes_from_each_other()
    {
        await using var origin = await SegmentOrigin.StartAsync(segments: 60, SegmentBytes);
        var content = await OriginManifest.CreateAsync(Server, origin, SegmentMs);
        using var http = new HttpClient();

        var outcomes = await SwarmRunner.RunAsync(Settings(content, viewers: 25, seconds: 8), http, new TestLog(log), CancellationToken.None);

        var summary = SwarmSummary.Of(8, outcomes);
        log.WriteLine(summary.ToText());
        log.WriteLine($"origin served {origin.BytesServed:N0} bytes in {origin.Requests} requests");
        foreach (var agent in outcomes)
        {
            log.WriteLine($"{agent.PeerId} group {agent.GroupId}: {agent.Figures}");
        }

        Assert.Equal(25, summary.Groups.Sum());
        Assert.All(summary.Groups, size => Assert.InRange(size, 5, 10));
        Assert.True(summary.P2PShareBasisPoints >= 8_000, $"only {summary.P2PSharePercent}% of bytes came from peers");
        // The origin's own count agrees: it sent what the agents say they took from the CDN, plus at most one segment
        // per agent whose fetch was still on its way when watching ended (sent, but never played or counted).
        Assert.InRange(origin.BytesServed - summary.CdnBytes, 0, 25L * SegmentBytes);
        Assert.True(origin.BytesServed * 5 <= summary.PeerBytes + summary.CdnBytes, $"the origin sent {origin.BytesServed:N0} bytes");
        Assert.All(outcomes, agent => Assert.InRange(agent.Figures.Segments, 10, 60));
        Assert.Equal(0, summary.BadSegments);
    }

    [Fact]
    public async Task An_agent_serving_corrupted_segments_is_caught_by_hash_reported_and_removed_while_the_others_play_on()
    {
        await using var origin = await SegmentOrigin.StartAsync(segments: 60, SegmentBytes);
        var content = await OriginManifest.CreateAsync(Server, origin, SegmentMs);
        using var http = new HttpClient();

        var outcomes = await SwarmRunner.RunAsync(Settings(content, viewers: 7, seconds: 8) with { CorruptViewers = 1 }, http, new TestLog(log), CancellationToken.None);

        var liar = Assert.Single(outcomes, agent => agent.ServedCorruptSegments);
        var honest = outcomes.Where(agent => !agent.ServedCorruptSegments).ToList();
        log.WriteLine(SwarmSummary.Of(8, outcomes).ToText());
        Assert.NotNull(liar.RemovedBecause);
        Assert.Contains("hash", liar.RemovedBecause, StringComparison.Ordinal);
        Assert.True(honest.Sum(agent => agent.Figures.BadSegments) >= 1);
        Assert.All(honest, agent =>
        {
            Assert.Null(agent.RemovedBecause);
            Assert.InRange(agent.Figures.Segments, 12, 60);
        });
    }

    [Fact]
    public async Task The_swarm_command_prints_its_summary_as_json()
    {
        await using var origin = await SegmentOrigin.StartAsync(segments: 60, SegmentBytes);
        var content = await OriginManifest.CreateAsync(Server, origin, SegmentMs);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await AgentCommandLine.RunAsync(
            ["swarm", "--server", Server.Address.ToString(), "--content", content.ToString(), "--viewers", "6", "--seconds", "4", "--json"],
            output, error, CancellationToken.None);

        log.WriteLine(error.ToString());
        Assert.Equal(0, exit);
        using var summary = JsonDocument.Parse(output.ToString());
        var root = summary.RootElement;
        Assert.Equal(6, root.GetProperty("viewers").GetInt32());
        Assert.Equal(6, root.GetProperty("groups").EnumerateArray().Sum(size => size.GetInt32()));
        Assert.InRange(origin.BytesServed - root.GetProperty("cdnBytes").GetInt64(), 0, 6L * SegmentBytes); // fetches cut off at the end
        Assert.True(root.GetProperty("peerBytes").GetInt64() > 0);
        Assert.InRange(root.GetProperty("p2pSharePercent").GetDecimal(), 50m, 100m);
        Assert.Equal(0, root.GetProperty("badSegments").GetInt32());
        Assert.Contains("viewers joined", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_watch_command_watches_with_a_group_mate_and_says_what_it_got()
    {
        await using var origin = await SegmentOrigin.StartAsync(segments: 60, SegmentBytes);
        var content = await OriginManifest.CreateAsync(Server, origin, SegmentMs);
        var arguments = new[] { "watch", "--server", Server.Address.ToString(), "--content", content.ToString(), "--seconds", "3" };
        using var first = new StringWriter();
        using var second = new StringWriter();
        using var error = new StringWriter();

        var exits = await Task.WhenAll(
            AgentCommandLine.RunAsync([.. arguments, "--address", "10.1.0.1"], first, error, CancellationToken.None),
            AgentCommandLine.RunAsync([.. arguments, "--address", "10.1.0.2"], second, error, CancellationToken.None));

        log.WriteLine(first.ToString());
        log.WriteLine(second.ToString());
        Assert.Equal([0, 0], exits);
        Assert.Empty(error.ToString());
        Assert.All(new[] { first.ToString(), second.ToString() }, output =>
        {
            Assert.Contains("Joined as peer", output, StringComparison.Ordinal);
            Assert.Contains("Watched", output, StringComparison.Ordinal);
        });
        Assert.True(origin.BytesServed > 0);
    }

    [Fact]
    public async Task Wrong_server_unknown_content_and_bad_credentials_end_in_one_clear_line()
    {
        var unknownContent = await RunAsync("watch", "--server", Server.Address.ToString(), "--content", Guid.NewGuid().ToString(), "--seconds", "1");
        var badCredentials = await RunAsync("watch", "--server", Server.Address.ToString(), "--content", Guid.NewGuid().ToString(),
            "--email", "nobody@gridstream.test", "--password", "wrong-password-1");
        var unreachable = await RunAsync("swarm", "--server", "http://127.0.0.1:9/", "--content", Guid.NewGuid().ToString(), "--viewers", "2");
        var notAUrl = await RunAsync("watch", "--server", "localhost", "--content", Guid.NewGuid().ToString());

        Assert.All(new[] { unknownContent, badCredentials, unreachable, notAUrl }, outcome =>
        {
            Assert.NotEqual(0, outcome.Exit);
            Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        });
        Assert.Contains("no published content", unknownContent.Error, StringComparison.Ordinal);
        Assert.Contains("Sign-in failed", badCredentials.Error, StringComparison.Ordinal);
        Assert.Contains("Can't reach", unreachable.Error, StringComparison.Ordinal);
        Assert.Contains("not a server address", notAUrl.Error, StringComparison.Ordinal);
    }

    private SwarmSettings Settings(Guid content, int viewers, int seconds) =>
        new(Server.Address, new ContentRendition(content, OriginManifest.Rendition), viewers, TimeSpan.FromSeconds(seconds),
            ReportInterval: FastReports, ProgressInterval: TimeSpan.FromSeconds(1));

    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AgentCommandLine.RunAsync(args, output, error, CancellationToken.None);
        return (exit, error.ToString());
    }
}
