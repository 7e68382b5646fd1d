using GridStream.Agent.Cli;
using GridStream.Agent.Connection;

namespace GridStream.Agent.Watching;

/// <summary>
/// Reports to the hub every few seconds (FIG. 14). The hub refuses a report naming a peer that has just left our
/// group; then the same figures go again without the neighbour lines, which no longer have anyone to be about.
/// When a report is refused for another reason (the rate limit, a closing connection) its byte and stall figures go
/// with the next one; its neighbour lines are lost, which only delays what the hub learns about them.
/// </summary>
internal sealed class ReportLoop(PeerHubLink hub, ViewingState state, Func<IReadOnlySet<Guid>> groupMates, Func<int> activeUploads, TimeSpan interval)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await SendAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Watching is over.
        }
    }

    public async Task SendAsync(CancellationToken cancellationToken)
    {
        var report = state.NextReport(groupMates()) with { ActiveUploads = activeUploads() };
        try
        {
            await hub.ReportAsync(report, cancellationToken).ConfigureAwait(false);
            state.Reported(report);
        }
        catch (AgentFailure e) when (e.Message.Contains("members of your group", StringComparison.Ordinal))
        {
            var figuresOnly = report with { Neighbours = [] };
            await TrySendAsync(figuresOnly, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsRefusedOrDropped(e, cancellationToken))
        {
            // Kept: the next report carries these figures too.
        }
    }

    private async Task TrySendAsync(Domain.Swarms.Protocol.PeerReport report, CancellationToken cancellationToken)
    {
        try
        {
            await hub.ReportAsync(report, cancellationToken).ConfigureAwait(false);
            state.Reported(report);
        }
        catch (Exception e) when (IsRefusedOrDropped(e, cancellationToken))
        {
            // Kept for the next report.
        }
    }

    /// <summary>
    /// Refused by the hub, or cut off: a connection the server closes (an expired token, a restart) cancels the calls
    /// still waiting for an answer, which is not the end of watching unless we asked for it.
    /// </summary>
    private static bool IsRefusedOrDropped(Exception e, CancellationToken cancellationToken) =>
        e is AgentFailure or InvalidOperationException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
