using System.Text;
using Acornima;
using Acornima.Ast;

namespace GridStream.Sandbox;

/// <summary>
/// Checks a job's JavaScript before anything runs it: size first (parsing is not bounded by any engine limit), then a
/// strict-mode parse, then a top-level <c>function run(input)</c>. Pure and in-process, so the server can answer a
/// submission at once; the worker runs the same check before it prepares a script.
/// </summary>
public static class TaskCode
{
    /// <summary>
    /// 256 KiB of UTF-8: far more than a compute kernel needs (the sample jobs are 2–8 KB), small enough that a parse
    /// takes milliseconds and the prepared-script cache of a worker stays small.
    /// </summary>
    public const int MaxCodeBytes = 256 * 1024;

    public const string EntryPoint = "run";

    private static readonly ParserOptions Options = new();

    public static TaskCodeCheck Check(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var bytes = Encoding.UTF8.GetByteCount(code);
        if (bytes > MaxCodeBytes)
        {
            return TaskCodeCheck.Invalid($"the code is {Quantities.Bytes(bytes)}, more than the {Quantities.Bytes(MaxCodeBytes)} allowed");
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return TaskCodeCheck.Invalid(MissingRun);
        }

        Script script;
        try
        {
            script = new Parser(Options).ParseScript(code, sourceFile: null, strict: true);
        }
        catch (ParseErrorException error)
        {
            // Acornima counts columns from 0; editors and people count from 1.
            var column = error.Column + 1;
            return TaskCodeCheck.Invalid($"SyntaxError at line {error.LineNumber}, column {column}: {error.Description}", error.LineNumber, column);
        }
        catch (InsufficientExecutionStackException)
        {
            return TaskCodeCheck.Invalid("the code is nested too deeply to parse");
        }

        return FindRun(script);
    }

    internal const string MissingRun = "the code must define a function run(input) at the top level";

    private static TaskCodeCheck FindRun(Script script)
    {
        foreach (var statement in script.Body)
        {
            switch (statement)
            {
                case FunctionDeclaration { Id.Name: EntryPoint } declaration:
                    return Plain(declaration.Async, declaration.Generator);
                case VariableDeclaration variables:
                    foreach (var declarator in variables.Declarations)
                    {
                        if (declarator.Id is Identifier { Name: EntryPoint })
                        {
                            return declarator.Init switch
                            {
                                FunctionExpression function => Plain(function.Async, function.Generator),
                                ArrowFunctionExpression arrow => Plain(arrow.Async, generator: false),
                                _ => TaskCodeCheck.Invalid("run must be a function: declare it as function run(input) { … }"),
                            };
                        }
                    }

                    break;
            }
        }

        return TaskCodeCheck.Invalid(MissingRun);
    }

    // Units run to completion synchronously: there is no event loop to settle a promise or drive a generator.
    private static TaskCodeCheck Plain(bool async, bool generator) => (async, generator) switch
    {
        (true, _) => TaskCodeCheck.Invalid("run must not be async: return the result directly"),
        (_, true) => TaskCodeCheck.Invalid("run must not be a generator: return the result directly"),
        _ => TaskCodeCheck.Valid,
    };
}
