using Xunit.Abstractions;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>Progress lines go to the test's output, where a failing run can be read.</summary>
internal sealed class TestLog(ITestOutputHelper log) : StringWriter
{
    public override void WriteLine(string? value) => log.WriteLine(value ?? "");

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }
}
