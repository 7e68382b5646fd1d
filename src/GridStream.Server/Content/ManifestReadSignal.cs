namespace GridStream.Server.Content;

/// <summary>
/// Wakes the manifest reader when this node saved an item as pending. Only a nudge: the pending state in the database
/// is what counts, so an item saved on another node, or before a restart, is read at the next poll all the same.
/// </summary>
internal sealed class ManifestReadSignal
{
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    public void Wake() => _wake.Release();

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
