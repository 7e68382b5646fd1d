using System.Text.Json;
using GridStream.Domain.Compute;
using GridStream.Domain.Compute.Protocol;

namespace GridStream.Server.Compute;

/// <summary>
/// A result as the broker stores it: a canonical output and its SHA-256, or an error. Output that is not JSON or too
/// large is the task's failure, not the protocol's: it is stored as an error result, which counts toward the unit's
/// error limit like any other.
/// </summary>
internal sealed record IncomingResult(long LeaseId, string? CanonicalOutput, string? OutputSha256, string? Error, int CpuMillis)
{
    public const int MaxErrorLength = 2_000;
    private static readonly JsonDocumentOptions OutputParsing = new() { MaxDepth = 64 };

    public bool Succeeded => CanonicalOutput is not null;

    public static IncomingResult From(WorkResult result, int maxOutputBytes)
    {
        var cpu = Math.Max(0, result.CpuMillis);
        if (result.OutputJson is null)
        {
            var error = string.IsNullOrWhiteSpace(result.Error) ? "the task failed without saying why" : result.Error;
            return Failed(result.LeaseId, error, cpu);
        }

        if (result.Error is not null)
        {
            return Failed(result.LeaseId, "the result carried both an output and an error", cpu);
        }

        if (result.OutputJson.Length > maxOutputBytes)
        {
            return Failed(result.LeaseId, $"the output is larger than {maxOutputBytes:N0} bytes", cpu);
        }

        try
        {
            using var document = JsonDocument.Parse(result.OutputJson, OutputParsing);
            var canonical = CanonicalJson.Canonicalize(document.RootElement);
            return new IncomingResult(result.LeaseId, canonical, CanonicalJson.Sha256Hex(canonical), null, cpu);
        }
        catch (JsonException)
        {
            return Failed(result.LeaseId, "the output is not JSON", cpu);
        }
    }

    private static IncomingResult Failed(long leaseId, string error, int cpu) =>
        new(leaseId, null, null, error.Length > MaxErrorLength ? error[..MaxErrorLength] : error, cpu);
}
