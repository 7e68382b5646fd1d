using GridStream.Sandbox.Tests.Infrastructure;

namespace GridStream.Sandbox.Tests;

/// <summary>Nothing but the input reaches the code: no .NET, no host, no string compilation, no other unit's state.</summary>
public sealed class HostIsolationTests(PoolFixture fixture) : IClassFixture<PoolFixture>
{
    private readonly SandboxPool _pool = fixture.Pool;

    [Fact]
    public async Task No_host_object_is_defined()
    {
        var outcome = await _pool.Run(
            """
            function run() {
              const names = ['System', 'importNamespace', 'require', 'process', 'console', 'setTimeout', 'setInterval',
                'fetch', 'XMLHttpRequest', 'clr', 'host', 'Deno', 'Bun', 'module', 'exports', 'window', 'self'];
              return names.filter((name) => typeof globalThis[name] !== 'undefined');
            }
            """);

        Assert.Equal("[]", outcome.OutputJson);
    }

    [Fact]
    public async Task The_global_object_holds_only_standard_javascript()
    {
        var outcome = await _pool.Run("function run() { return Object.getOwnPropertyNames(globalThis).sort(); }");

        var names = System.Text.Json.JsonSerializer.Deserialize<string[]>(outcome.OutputJson!)!;
        Assert.Contains("Math", names);
        Assert.Contains("run", names);
        Assert.DoesNotContain(names, name => name.Contains("clr", StringComparison.OrdinalIgnoreCase) || name is "System" or "importNamespace");
    }

    [Theory]
    [InlineData("function run() { return eval('1 + 1'); }")]
    [InlineData("function run() { return new Function('return 1')(); }")]
    [InlineData("function run() { return Function('return this')(); }")]
    [InlineData("function run() { return (() => {}).constructor('return globalThis')(); }")]
    [InlineData("function run() { return Object.getPrototypeOf(function* () {}).constructor('yield 1')().next(); }")]
    [InlineData("function run() { return Object.getPrototypeOf(async function () {}).constructor('return 1')(); }")]
    [InlineData("function run() { return (0, eval)('this'); }")]
    public async Task Compiling_strings_to_code_is_refused(string code)
    {
        var error = await _pool.Error(code);

        Assert.StartsWith("run threw TypeError: String compilation has been disabled", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("function run() { return System.IO.File.ReadAllText('/etc/passwd'); }", "ReferenceError: System is not defined")]
    [InlineData("function run() { return importNamespace('System.IO'); }", "ReferenceError: importNamespace is not defined")]
    [InlineData("function run() { return require('fs'); }", "ReferenceError: require is not defined")]
    [InlineData("function run() { return process.exit(1); }", "ReferenceError: process is not defined")]
    [InlineData("function run() { return Atomics.wait(new Int32Array(new SharedArrayBuffer(16)), 0, 0, 1000); }", "TypeError: Atomics.wait cannot be used in this agent")]
    public async Task Reaching_for_the_host_fails_inside_the_script(string code, string expected)
    {
        var error = await _pool.Error(code);

        Assert.StartsWith($"run threw {expected}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sloppy_mode_tricks_fail_because_all_code_is_strict()
    {
        var error = await _pool.Error("function run() { return (function () { return this; })().constructor; }");

        Assert.StartsWith("run threw TypeError: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_cannot_see_what_an_earlier_unit_left_on_the_same_worker()
    {
        await using var pool = new SandboxPool(1);
        var polluter = await pool.Run(
            """
            globalThis.leaked = 'secret';
            Object.prototype.polluted = true;
            Array.prototype.map = function () { return 'hijacked'; };
            Math.random = () => 4;
            var counter = (typeof counter === 'number' ? counter : 0) + 1;
            function run() { return counter; }
            """);
        var victim = await pool.Run(
            """
            var counter = (typeof counter === 'number' ? counter : 0) + 1;
            function run() {
              return [typeof leaked, ({}).polluted === undefined, [1, 2].map((x) => x * 2), Math.random() < 1, counter];
            }
            """);
        var again = await pool.Run(
            """
            var counter = (typeof counter === 'number' ? counter : 0) + 1;
            function run() { return counter; }
            """);

        Assert.Equal("1", polluter.OutputJson);
        Assert.Equal("""["undefined",true,[2,4],true,1]""", victim.OutputJson);
        Assert.Equal("1", again.OutputJson);
        Assert.Equal(1, pool.WorkersStarted);
    }

    [Fact]
    public async Task Units_of_the_same_code_share_its_preparation_but_not_its_state()
    {
        await using var pool = new SandboxPool(1);
        const string code = "let calls = 0; function run(input) { calls++; return { calls, input }; }";

        var first = await pool.Run(code, "1");
        var second = await pool.Run(code, "2");

        Assert.Equal("""{"calls":1,"input":1}""", first.OutputJson);
        Assert.Equal("""{"calls":1,"input":2}""", second.OutputJson);
        Assert.Equal(1, pool.WorkersStarted);
    }
}
