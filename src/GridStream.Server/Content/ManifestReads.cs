using GridStream.Server.Data;
using Hangfire;

namespace GridStream.Server.Content;

internal static class ManifestReads
{
    /// <summary>
    /// Marks the item's manifest as pending and queues a read. Through the host's own job client, never the static
    /// BackgroundJob API: several hosts in one process (the tests) must each queue into their own database.
    /// </summary>
    public static void MarkPending(ContentItem item)
    {
        item.ManifestState = ManifestState.Pending;
        item.ManifestError = null;
    }

    /// <summary>Call after the item is saved, so the job finds it.</summary>
    public static void Queue(IBackgroundJobClient jobs, Guid contentItemId) =>
        jobs.Enqueue<ReadManifest>(reader => reader.RunAsync(contentItemId, CancellationToken.None));
}
