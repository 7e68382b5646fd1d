namespace GridStream.Sandbox.Tests.Infrastructure;

/// <summary>Shorthands for running small units in a real pool of real worker processes.</summary>
internal static class Units
{
    /// <summary>Small enough that hostile units end quickly, large enough for Jint and the runtime to start.</summary>
    public static readonly SandboxLimits Tight = new(TimeSpan.FromSeconds(1), 128L * 1024 * 1024, MaxOutputBytes: 64 * 1024);

    /// <summary>For honest work: generous, so a loaded CI machine never fails it.</summary>
    public static readonly SandboxLimits Roomy = new(TimeSpan.FromSeconds(30), 256L * 1024 * 1024);

    public static Task<TaskOutcome> Run(this SandboxPool pool, string code, string inputJson = "null", SandboxLimits? limits = null) =>
        pool.RunAsync(new TaskRun(code, inputJson, limits ?? Tight), CancellationToken.None);

    public static async Task<string> Error(this SandboxPool pool, string code, string inputJson = "null", SandboxLimits? limits = null)
    {
        var outcome = await pool.Run(code, inputJson, limits).ConfigureAwait(false);
        Assert.False(outcome.Succeeded, $"expected a failure, got {outcome.OutputJson}");
        Assert.Null(outcome.OutputJson);
        return outcome.Error ?? throw new InvalidOperationException("A failed outcome without an error.");
    }

    /// <summary>After a hostile unit the pool must still answer honest ones.</summary>
    public static async Task AssertStillWorks(this SandboxPool pool)
    {
        var outcome = await pool.Run("function run(input) { return { doubled: input.n * 2 }; }", """{"n":21}""").ConfigureAwait(false);
        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal("""{"doubled":42}""", outcome.OutputJson);
    }
}
