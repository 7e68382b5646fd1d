using System.Diagnostics;

namespace GridStream.Sandbox.Hosting;

/// <summary>The last lines a worker wrote to stderr: the runtime's word on why it died (e.g. out of memory).</summary>
internal sealed class StandardErrorTail
{
    private const int MaxLines = 20;
    private const int MaxLineLength = 500;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Attach(Process process)
    {
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not { } text)
            {
                return;
            }

            lock (_gate)
            {
                _lines.Enqueue(text.Length <= MaxLineLength ? text : text[..MaxLineLength]);
                if (_lines.Count > MaxLines)
                {
                    _lines.Dequeue();
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return string.Join('\n', _lines);
        }
    }
}
