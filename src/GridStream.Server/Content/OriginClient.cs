using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace GridStream.Server.Content;

/// <summary>
/// Reads from content origins, which we don't control: every read has a timeout (the HttpClient's) and a byte cap,
/// and every failure becomes an <see cref="OriginException"/> worded for the content's owner.
/// </summary>
internal sealed class OriginClient(HttpClient http)
{
    /// <summary>Same bound the playlist parser enforces on characters; checked on bytes before decoding.</summary>
    public const int MaxPlaylistBytes = 8 * 1024 * 1024;

    public const int MaxSegmentBytes = 32 * 1024 * 1024;

    /// <summary>For a whole file, body included: HttpClient's own timeout stops at the headers when streaming.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<string> GetTextAsync(Uri url, int maxBytes, CancellationToken cancellationToken) =>
        await GetTextOrNullAsync(url, maxBytes, missingIsNull: false, cancellationToken).ConfigureAwait(false)
        ?? throw new OriginException($"the origin answered 404 for {url}");

    /// <summary>For optional files such as the hash sidecar: null when the origin says it has none (404 or 410).</summary>
    public Task<string?> GetOptionalTextAsync(Uri url, int maxBytes, CancellationToken cancellationToken) =>
        GetTextOrNullAsync(url, maxBytes, missingIsNull: true, cancellationToken);

    public async Task<byte[]> GetSha256Async(Uri url, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await ReadAsync(url, MaxSegmentBytes, missingIsNull: false, hash.AppendData, cancellationToken).ConfigureAwait(false);
        return hash.GetHashAndReset();
    }

    private async Task<string?> GetTextOrNullAsync(Uri url, int maxBytes, bool missingIsNull, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var found = await ReadAsync(url, maxBytes, missingIsNull, bytes => buffer.Write(bytes), cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new OriginException($"{url} is not UTF-8 text");
        }
    }

    /// <returns>false when the file is missing and <paramref name="missingIsNull"/> allows it.</returns>
    private async Task<bool> ReadAsync(Uri url, int maxBytes, bool missingIsNull, Action<ReadOnlySpan<byte>> consume, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (missingIsNull && response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return false;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new OriginException($"the origin answered {(int)response.StatusCode} for {url}");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw TooLarge(url, maxBytes);
            }

            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var chunk = new byte[81_920];
                long total = 0;
                int read;
                while ((read = await stream.ReadAsync(chunk, deadline.Token).ConfigureAwait(false)) > 0)
                {
                    // A missing or lying Content-Length must not let the origin stream without end.
                    total += read;
                    if (total > maxBytes)
                    {
                        throw TooLarge(url, maxBytes);
                    }

                    consume(chunk.AsSpan(0, read));
                }
            }

            return true;
        }
        catch (HttpRequestException problem)
        {
            throw new OriginException($"could not read {url}: {problem.Message}", problem);
        }
        catch (OperationCanceledException problem) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OriginException($"the origin did not deliver {url} within {Timeout.TotalSeconds:0} seconds", problem);
        }
    }

    private static OriginException TooLarge(Uri url, int maxBytes) =>
        new($"{url} is larger than {maxBytes / (1024 * 1024)} MiB, the most GridStream reads");
}

/// <summary>An origin that could not be read, in words for the content's owner.</summary>
internal sealed class OriginException : Exception
{
    public OriginException(string message)
        : base(message)
    {
    }

    public OriginException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
