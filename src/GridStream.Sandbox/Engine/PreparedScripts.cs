using System.Security.Cryptography;
using System.Text;
using Acornima.Ast;
using Jint;

namespace GridStream.Sandbox.Engine;

/// <summary>
/// Parsed and prepared job code, by SHA-256 of the source, so the units of one job parse once per worker. A prepared
/// script is an immutable syntax tree that engines share safely; each unit still gets its own engine.
/// </summary>
internal sealed class PreparedScripts
{
    private const int Capacity = 16;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;

    public sealed record Entry(Prepared<Script>? Script, TaskCodeCheck Check)
    {
        public long LastUsed { get; set; }
    }

    public Entry Get(string code)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = Prepare(code);
            if (_entries.Count >= Capacity)
            {
                _entries.Remove(_entries.MinBy(pair => pair.Value.LastUsed).Key);
            }

            _entries[key] = entry;
        }

        entry.LastUsed = ++_clock;
        return entry;
    }

    private static Entry Prepare(string code)
    {
        var check = TaskCode.Check(code);
        if (!check.IsValid)
        {
            return new Entry(null, check);
        }

        try
        {
            return new Entry(Jint.Engine.PrepareScript(code, source: "task.js", strict: true), check);
        }
        catch (ScriptPreparationException error)
        {
            return new Entry(null, TaskCodeCheck.Invalid($"the code cannot be prepared: {error.Message}"));
        }
    }
}
