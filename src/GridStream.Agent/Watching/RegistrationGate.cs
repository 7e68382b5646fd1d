namespace GridStream.Agent.Watching;

/// <summary>
/// Open while the agent is registered with the hub. It closes when the connection drops and opens again once the
/// agent has registered anew, so hub calls wait out a reconnect instead of failing the watch.
/// </summary>
internal sealed class RegistrationGate
{
    private readonly Lock _sync = new();
    private TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen
    {
        get { lock (_sync) { return _open.Task.IsCompleted; } }
    }

    public void Open()
    {
        lock (_sync)
        {
            _open.TrySetResult();
        }
    }

    public void Close()
    {
        lock (_sync)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public Task WhenOpenAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return _open.Task.WaitAsync(cancellationToken);
        }
    }
}
