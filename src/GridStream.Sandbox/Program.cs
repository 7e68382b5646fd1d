using GridStream.Sandbox.Hosting;

// The pool starts this assembly as `dotnet GridStream.Sandbox.dll worker`; nothing else is meant to run it.
if (args is [WorkerLoop.Argument])
{
    return WorkerLoop.Run();
}

await Console.Error.WriteLineAsync($"GridStream.Sandbox runs JavaScript work units for SandboxPool: `dotnet GridStream.Sandbox.dll {WorkerLoop.Argument}` serves them over stdin/stdout.").ConfigureAwait(false);
return 2;
