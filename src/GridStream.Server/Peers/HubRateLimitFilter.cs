using System.Collections.Concurrent;
using GridStream.Domain.Swarms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Peers;

/// <summary>Floods get a clear error instead of the server's time: each connection has its own token bucket.</summary>
internal sealed class HubRateLimitFilter(IOptions<SwarmOptions> options, TimeProvider clock) : IHubFilter
{
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = invocationContext.Context.ConnectionId;
        var now = clock.GetUtcNow().UtcTicks;
        var bucket = _buckets.GetOrAdd(connection, _ => new TokenBucket(options.Value.CallsPerSecond, options.Value.CallBurst, now));
        bool allowed;
        lock (bucket)
        {
            allowed = bucket.TryTake(now);
        }

        if (!allowed)
        {
            throw new HubException($"Too many calls: at most {options.Value.CallsPerSecond} a second; slow down.");
        }

        return await next(invocationContext).ConfigureAwait(false);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _buckets.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }
}
