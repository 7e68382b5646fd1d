namespace GridStream.Sandbox.Tests.Infrastructure;

/// <summary>One pool of two real workers per test class: the tests of a class share it, as the agent would.</summary>
public sealed class PoolFixture : IAsyncLifetime
{
    public SandboxPool Pool { get; } = new(workers: 2);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Pool.DisposeAsync();
}
