using GridStream.Sandbox.Tests.Infrastructure;

namespace GridStream.Sandbox.Tests;

/// <summary>What a unit returns, and how its mistakes read.</summary>
public sealed class OutputAndErrorTests(PoolFixture fixture) : IClassFixture<PoolFixture>
{
    private readonly SandboxPool _pool = fixture.Pool;

    [Fact]
    public async Task Run_gets_the_input_parsed_as_json_and_its_result_comes_back_as_json_text()
    {
        var outcome = await _pool.Run(
            "function run(input) { return { sum: input.values.reduce((a, b) => a + b, 0), name: input.name, nothing: null, skipped: undefined }; }",
            """{"values":[1,2,3.5],"name":"caf\u00e9 \"quoted\""}""");

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal("""{"sum":6.5,"name":"café \"quoted\"","nothing":null}""", outcome.OutputJson);
        Assert.Null(outcome.Error);
        Assert.True(outcome.CpuMilliseconds >= 0);
    }

    [Fact]
    public async Task Replacing_json_stringify_does_not_change_how_the_output_is_serialized()
    {
        var outcome = await _pool.Run("JSON.stringify = () => 'forged'; function run() { return [1, 'two']; }");

        Assert.Equal("""[1,"two"]""", outcome.OutputJson);
    }

    [Theory]
    [InlineData("function run() { return function () {}; }", "run returned a value that is not JSON-serializable (a function)")]
    [InlineData("function run() { }", "run returned a value that is not JSON-serializable (undefined: return a value)")]
    [InlineData("function run() { return Symbol('s'); }", "run returned a value that is not JSON-serializable (a symbol)")]
    [InlineData("function run() { return Promise.resolve(1); }", "run returned a value that is not JSON-serializable (a Promise: run must return its result directly)")]
    [InlineData("function run() { return { toJSON() { return undefined; } }; }", "run returned a value that is not JSON-serializable (its toJSON gave nothing)")]
    public async Task Values_json_cannot_express_are_refused(string code, string expected)
    {
        Assert.Equal(expected, await _pool.Error(code));
    }

    [Theory]
    [InlineData("function run() { const a = { name: 'a' }; a.self = a; return a; }")]
    [InlineData("function run() { return { big: 10n }; }")]
    public async Task Cycles_and_bigints_are_refused_with_the_engine_reason(string code)
    {
        var error = await _pool.Error(code);

        Assert.StartsWith("run returned a value that is not JSON-serializable (TypeError: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_thrown_by_run_comes_back_with_its_message_and_place()
    {
        var error = await _pool.Error("function run(input) {\n  if (input.n < 0) {\n    throw new RangeError('n must not be negative');\n  }\n}", """{"n":-1}""");

        Assert.Equal("run threw RangeError: n must not be negative at line 3, column 11", error);
    }

    // The place is that of the thrown value.
    [Theory]
    [InlineData("function run() { throw 'plain text'; }", "run threw plain text at line 1, column 24")]
    [InlineData("function run() { throw 42; }", "run threw 42 at line 1, column 24")]
    [InlineData("function run() { return undefinedName + 1; }", "run threw ReferenceError: undefinedName is not defined at line 1, column 25")]
    [InlineData("throw new Error('at load');\nfunction run() { return 1; }", "the code threw Error: at load at line 1, column 7")]
    public async Task Anything_thrown_is_described(string code, string expected)
    {
        Assert.Equal(expected, await _pool.Error(code));
    }

    [Fact]
    public async Task An_error_object_with_a_hostile_message_getter_still_ends_within_the_limits()
    {
        var error = await _pool.Error(
            "function run() { const e = new Error('real'); Object.defineProperty(e, 'message', { get() { while (true) {} } }); throw e; }");

        // We never call the getter; if the engine does while building its exception, the CPU limit ends it.
        Assert.Matches("^(run threw Error at line 1, column 112|time limit of 1 s exceeded.*)$", error);
        await _pool.AssertStillWorks();
    }

    [Fact]
    public async Task Syntax_errors_name_line_and_column()
    {
        var error = await _pool.Error("function run(input) {\n  return input.;\n}");

        Assert.Equal("SyntaxError at line 2, column 16: Unexpected token ';'", error);
    }

    [Theory]
    [InlineData("function walk() { return 1; }", "the code must define a function run(input) at the top level")]
    [InlineData("var run = 5;", "run must be a function: declare it as function run(input) { … }")]
    [InlineData("var run = function () { return 1; }; run = 7;", "the code must define a function run(input) at the top level")]
    public async Task Code_without_a_callable_run_is_refused(string code, string expected)
    {
        Assert.Equal(expected, await _pool.Error(code));
    }

    [Theory]
    [InlineData("{\"a\":", "the input is not valid JSON (SyntaxError: ")]
    [InlineData("undefined", "the input is not valid JSON (SyntaxError: ")]
    public async Task Invalid_input_json_is_reported(string input, string expectedStart)
    {
        var error = await _pool.Error("function run(input) { return input; }", input);

        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_code_and_input_are_refused_without_a_worker()
    {
        await using var pool = new SandboxPool(1, new SandboxPoolOptions { MaxInputBytes = 1024 });

        var code = await pool.Error("function run() { return 1; }\n//" + new string('x', TaskCode.MaxCodeBytes));
        var input = await pool.Error("function run(input) { return input; }", "\"" + new string('x', 2048) + "\"");

        Assert.Equal("the code is 256 KB, more than the 256 KB allowed", code);
        Assert.Equal("the input is 2 KB, more than the 1 KB allowed", input);
        Assert.Equal(0, pool.WorkersStarted);
    }

    [Fact]
    public async Task Limits_that_make_no_sense_are_the_callers_mistake()
    {
        var noTime = new TaskRun("function run() { return 1; }", "null", new SandboxLimits(TimeSpan.Zero, 64L * 1024 * 1024));
        var tinyHeap = new TaskRun("function run() { return 1; }", "null", new SandboxLimits(TimeSpan.FromSeconds(1), 1024));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _pool.RunAsync(noTime, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _pool.RunAsync(tinyHeap, CancellationToken.None));
    }
}
