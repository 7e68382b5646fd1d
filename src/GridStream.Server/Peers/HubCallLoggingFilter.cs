using Microsoft.AspNetCore.SignalR;

namespace GridStream.Server.Peers;

/// <summary>
/// Logs failed hub calls by what they are. A <see cref="HubException"/> is the hub refusing a call that breaks the
/// protocol (a signal racing a group change, a flood, a report about a stranger): the caller hears why, and the
/// operator needs no error for it, so it is logged at Information. Anything else is a fault and stays an error.
/// SignalR's own dispatcher would log both as errors; its category is turned down in <see cref="PeersSetup"/>.
/// </summary>
internal sealed class HubCallLoggingFilter(ILogger<HubCallLoggingFilter> logger) : IHubFilter
{
    /// <summary>The dispatcher's category, whose "Failed to invoke hub method" errors this filter replaces.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext).ConfigureAwait(false);
        }
        catch (HubException refusal)
        {
            logger.LogInformation("Refused {Method} from connection {ConnectionId}: {Reason}",
                invocationContext.HubMethodName, invocationContext.Context.ConnectionId, refusal.Message);
            throw;
        }
        catch (OperationCanceledException) when (invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            logger.LogDebug("{Method} from connection {ConnectionId} ended with the connection",
                invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            throw;
        }
        catch (Exception fault)
        {
            logger.LogError(fault, "{Method} from connection {ConnectionId} failed", invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            throw;
        }
    }
}
