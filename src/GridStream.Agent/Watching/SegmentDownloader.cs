using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace GridStream.Agent.Watching;

internal enum DownloadOutcome
{
    Verified,
    NotHeld,
    Busy,
    BadHash,
    Failed,
}

/// <summary>A download's result; bytes only when verified. Times in milliseconds: to first byte, and for the whole transfer.</summary>
internal sealed record Download(DownloadOutcome Outcome, byte[]? Bytes, int RttMs, long TransferMs);

/// <summary>Fetches a segment from a peer or the CDN and checks it against the SHA-256 from the manifest before it counts.</summary>
internal sealed class SegmentDownloader(HttpClient http)
{
    /// <summary>No segment of a sane stream is this large; a peer sending more is cut off rather than exhausting memory.</summary>
    private const int MaxSegmentBytes = 64 * 1024 * 1024;

    public async Task<Download> GetAsync(Uri url, string sha256Hex, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var rttMs = (int)clock.ElapsedMilliseconds;
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new Download(DownloadOutcome.NotHeld, null, rttMs, clock.ElapsedMilliseconds);
            }

            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return new Download(DownloadOutcome.Busy, null, rttMs, clock.ElapsedMilliseconds);
            }

            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxSegmentBytes)
            {
                return new Download(DownloadOutcome.Failed, null, rttMs, clock.ElapsedMilliseconds);
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            var verified = string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha256Hex, StringComparison.OrdinalIgnoreCase);
            return new Download(verified ? DownloadOutcome.Verified : DownloadOutcome.BadHash, verified ? bytes : null, rttMs, clock.ElapsedMilliseconds);
        }
        catch (HttpRequestException)
        {
            return new Download(DownloadOutcome.Failed, null, (int)clock.ElapsedMilliseconds, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Download(DownloadOutcome.Failed, null, (int)clock.ElapsedMilliseconds, clock.ElapsedMilliseconds);
        }
    }
}
