using GridStream.Domain.Swarms.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Peers;

/// <summary>
/// Pushes server → client messages: group changes, relayed signals, removal. Group changes are coalesced like a group
/// commit: while one batch is being sent, the views queued meanwhile wait for the next, and a member whose group changed
/// several times in that while gets only the newest view. A burst of joins into one group then costs each member about
/// one push instead of one per newcomer, without adding any delay when the hub is quiet. A call's returned task
/// completes once its views have been handed to the connections, so a caller still answers after the push.
/// </summary>
internal sealed class GroupNotifier(IHubContext<PeerHub> hub, IOptions<SwarmOptions> options, ILogger<GroupNotifier> logger)
{
    private readonly Lock _gate = new();
    private Dictionary<(string ConnectionId, Guid ContentId, string Rendition), GroupNotice> _pending = [];
    private TaskCompletionSource _nextBatchSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _sending;

    public int MaxSignalPayloadChars => options.Value.MaxSignalPayloadChars;

    public Task SendAsync(IReadOnlyList<GroupNotice> notices)
    {
        if (notices.Count == 0)
        {
            return Task.CompletedTask;
        }

        Task sent;
        lock (_gate)
        {
            foreach (var notice in notices)
            {
                var key = (notice.ConnectionId, notice.View.ContentId, notice.View.Rendition);
                if (!_pending.TryGetValue(key, out var queued) || notice.Version > queued.Version)
                {
                    _pending[key] = notice;
                }
            }

            sent = _nextBatchSent.Task;
            if (_sending)
            {
                return sent;
            }

            _sending = true;
        }

        _ = Task.Run(SendBatchesAsync);
        return sent;
    }

    public Task SendSignalAsync(string connectionId, Guid from, string payload) =>
        hub.Clients.Client(connectionId).SendAsync(PeerHubMethods.SignalReceived, new SignalMessage(from, payload));

    public Task SendRemovedAsync(IReadOnlyList<string> connectionIds) =>
        Task.WhenAll(connectionIds.Select(id => hub.Clients.Client(id).SendAsync(PeerHubMethods.Removed, "You served segments that failed their hash check.")));

    private async Task SendBatchesAsync()
    {
        while (true)
        {
            Dictionary<(string, Guid, string), GroupNotice> batch;
            TaskCompletionSource batchSent;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _sending = false;
                    return;
                }

                (batch, _pending) = (_pending, []);
                (batchSent, _nextBatchSent) = (_nextBatchSent, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            try
            {
                await Task.WhenAll(batch.Values.Select(notice =>
                    hub.Clients.Client(notice.ConnectionId).SendAsync(PeerHubMethods.GroupChanged, notice.View))).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
            {
                // A member that went away misses a view it no longer needs; the others were handed theirs.
                logger.LogDebug(e, "Pushing group changes failed for a member");
            }
#pragma warning disable CA1031 // Anything else is a fault worth an error, but must not stop every later push.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Pushing group changes failed");
            }
            finally
            {
                batchSent.TrySetResult();
            }
        }
    }
}
