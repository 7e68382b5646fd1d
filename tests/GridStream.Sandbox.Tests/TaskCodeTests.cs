namespace GridStream.Sandbox.Tests;

public sealed class TaskCodeTests
{
    [Theory]
    [InlineData("function run(input) { return input; }")]
    [InlineData("const run = (input) => input * 2;")]
    [InlineData("var run = function (input) { return 1; };")]
    [InlineData("'use strict';\nfunction helper(x) { return x; }\nfunction run(input) { return helper(input); }")]
    public void Code_that_defines_run_at_the_top_level_is_valid(string code)
    {
        Assert.Equal(TaskCodeCheck.Valid, TaskCode.Check(code));
    }

    [Fact]
    public void A_syntax_error_names_its_line_and_column_counted_from_one()
    {
        var check = TaskCode.Check("function run(input) {\n  const x = 1;\n  return x +;\n}");

        Assert.False(check.IsValid);
        Assert.Equal(3, check.Line);
        Assert.Equal(13, check.Column);
        Assert.Equal("SyntaxError at line 3, column 13: Unexpected token ';'", check.Error);
    }

    [Fact]
    public void Code_is_parsed_as_strict_mode()
    {
        var check = TaskCode.Check("function run(input) {\n  with (input) { return a; }\n}");

        Assert.False(check.IsValid);
        Assert.Equal(2, check.Line);
        Assert.Contains("with statement", check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("function walk(input) { return input; }")]
    [InlineData("function outer() { function run() { return 1; } }")]
    public void Code_without_a_top_level_run_is_refused(string code)
    {
        var check = TaskCode.Check(code);

        Assert.False(check.IsValid);
        Assert.Equal("the code must define a function run(input) at the top level", check.Error);
        Assert.Null(check.Line);
    }

    [Theory]
    [InlineData("const run = 42;", "run must be a function")]
    [InlineData("async function run(input) { return 1; }", "run must not be async")]
    [InlineData("const run = async (input) => 1;", "run must not be async")]
    [InlineData("function* run(input) { yield 1; }", "run must not be a generator")]
    public void Run_must_be_a_plain_function(string code, string expected)
    {
        var check = TaskCode.Check(code);

        Assert.False(check.IsValid);
        Assert.StartsWith(expected, check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_code_is_refused_before_parsing()
    {
        // Not even valid JavaScript: the size check must come first.
        var code = "function run() {" + new string('(', TaskCode.MaxCodeBytes);

        var check = TaskCode.Check(code);

        Assert.False(check.IsValid);
        Assert.Equal("the code is 256 KB, more than the 256 KB allowed", check.Error);
    }

    [Fact]
    public void The_size_limit_counts_utf8_bytes_not_characters()
    {
        var comment = "// " + new string('é', TaskCode.MaxCodeBytes / 2) + "\n";

        var check = TaskCode.Check(comment + "function run() { return 1; }");

        Assert.False(check.IsValid);
        Assert.StartsWith("the code is 256 KB", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pathologically_nested_code_is_refused_without_crashing_the_process()
    {
        var nested = "function run() { return " + new string('[', 100_000) + new string(']', 100_000) + "; }";

        var check = TaskCode.Check(nested);

        Assert.False(check.IsValid);
        Assert.Equal("the code is nested too deeply to parse", check.Error);
    }
}
