using GridStream.Domain.Swarms.Protocol;
using GridStream.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace GridStream.Server.Tests;

/// <summary>A refused hub call is the protocol working, not a fault: the operator's log shows it below error level.</summary>
public sealed class HubLoggingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Filter = "GridStream.Server.Peers.HubCallLoggingFilter";
    private const string Dispatcher = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    [Fact]
    public async Task A_signal_to_a_stranger_is_refused_and_logged_as_information_not_as_an_error()
    {
        var server = fixture.Server;
        var first = await DemoManifest.CreateAsync(server);
        var second = await DemoManifest.CreateAsync(server);
        await using var alice = await PeerClient.ConnectAsync(server);
        await using var stranger = await PeerClient.ConnectAsync(server);
        await alice.RegisterAsync(first, "10.1.0.1");
        await stranger.RegisterAsync(second, "10.2.0.1");

        await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync(PeerHubMethods.Signal, stranger.PeerId, "hello"));

        LogEntry? refusal = null;
        for (var i = 0; i < 100 && refusal is null; i++)
        {
            refusal = server.Logs.Entries.FirstOrDefault(entry => entry.Category == Filter && entry.Message.StartsWith("Refused Signal", StringComparison.Ordinal));
            await Task.Delay(50);
        }

        Assert.NotNull(refusal);
        Assert.Equal(LogLevel.Information, refusal.Level);
        Assert.Contains("own group", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logs.Entries, entry => entry.Category is Filter or Dispatcher && entry.Level >= LogLevel.Error);
    }
}
