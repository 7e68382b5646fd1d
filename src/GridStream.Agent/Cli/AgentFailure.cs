namespace GridStream.Agent.Cli;

/// <summary>A failure the user can act on; the command prints its message as one line instead of a stack trace.</summary>
internal sealed class AgentFailure(string message, Exception? cause = null) : Exception(message, cause);
