namespace GridStream.Server.Peers;

/// <summary>Relays WebRTC signaling (offers, answers, candidates) — only between members of one group.</summary>
internal static class RelaySignal
{
    public static async Task HandleAsync(Guid to, string? payload, Guid from, SwarmRegistry registry, GroupNotifier notifier)
    {
        if (string.IsNullOrEmpty(payload) || payload.Length > notifier.MaxSignalPayloadChars)
        {
            throw new PeerProtocolException($"A signal carries 1 to {notifier.MaxSignalPayloadChars} characters.");
        }

        if (!registry.AreGroupMates(from, to) || registry.Session(to) is not { } recipient)
        {
            throw new PeerProtocolException("Signals go only to members of your own group.");
        }

        await notifier.SendSignalAsync(recipient.ConnectionId, from, payload);
    }
}
