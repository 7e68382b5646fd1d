using GridStream.Domain.Compute.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace GridStream.Agent.Connection;

/// <summary>The compute calls of the peer hub: leases in, results out, and the server's "there is work" nudge.</summary>
internal sealed partial class PeerHubLink
{
    public event Action? WorkAvailable;

    public Task SetComputeAsync(bool enabled, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            await _connection.InvokeAsync(WorkHubMethods.SetCompute, new ComputeSwitch(enabled), cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task<WorkBatch> RequestWorkAsync(int slots, CancellationToken cancellationToken) =>
        CallAsync(() => _connection.InvokeAsync<WorkBatch>(WorkHubMethods.RequestWork, new WorkRequest(slots), cancellationToken));

    public Task<ResultsReceipt> SubmitResultsAsync(IReadOnlyList<WorkResult> results, CancellationToken cancellationToken) =>
        CallAsync(() => _connection.InvokeAsync<ResultsReceipt>(WorkHubMethods.SubmitResults, results, cancellationToken));
}
