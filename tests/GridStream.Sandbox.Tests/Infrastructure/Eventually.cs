namespace GridStream.Sandbox.Tests.Infrastructure;

/// <summary>Waits for a condition with a generous timeout instead of sleeping a fixed time.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<T> Single<T>(Func<IReadOnlyList<T>> read)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (read() is [var only])
            {
                return only;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"Nothing single appeared within {Patience}.");
    }
}
