using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GridStream.Sandbox.Protocol;

/// <summary>
/// Messages between the pool and a worker: a 4-byte little-endian length, then that many bytes of UTF-8 JSON, over
/// the worker's stdin and stdout. A length over the reader's cap is a broken peer, never a reason to allocate.
/// </summary>
internal static class Frames
{
    public static void Write<T>(Stream stream, T message, JsonTypeInfo<T> type)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, type);
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
        stream.Write(header);
        stream.Write(body);
        stream.Flush();
    }

    public static async Task WriteAsync<T>(Stream stream, T message, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, type);
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
        await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next message, or null when the other side closed the stream.</summary>
    public static T? Read<T>(Stream stream, JsonTypeInfo<T> type, int maxBytes) where T : class
    {
        Span<byte> header = stackalloc byte[4];
        if (!ReadExactly(stream, header))
        {
            return null;
        }

        var body = new byte[CheckedLength(header, maxBytes)];
        if (!ReadExactly(stream, body))
        {
            throw new InvalidDataException("The stream ended inside a frame.");
        }

        return JsonSerializer.Deserialize(body, type) ?? throw new InvalidDataException("An empty frame.");
    }

    public static async Task<T?> ReadAsync<T>(Stream stream, JsonTypeInfo<T> type, int maxBytes, CancellationToken cancellationToken) where T : class
    {
        var header = new byte[4];
        if (!await ReadExactlyAsync(stream, header, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var body = new byte[CheckedLength(header, maxBytes)];
        if (!await ReadExactlyAsync(stream, body, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidDataException("The stream ended inside a frame.");
        }

        return JsonSerializer.Deserialize(body, type) ?? throw new InvalidDataException("An empty frame.");
    }

    private static int CheckedLength(ReadOnlySpan<byte> header, int maxBytes)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        return length < 0 || length > maxBytes
            ? throw new InvalidDataException($"A frame of {length} bytes is outside 0–{maxBytes}.")
            : length;
    }

    // False only when the stream ended before the first byte: a clean close between frames.
    private static bool ReadExactly(Stream stream, Span<byte> buffer)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length || (read == 0 ? false : throw new InvalidDataException("The stream ended inside a frame."));
    }

    private static async Task<bool> ReadExactlyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == buffer.Length || (read == 0 ? false : throw new InvalidDataException("The stream ended inside a frame."));
    }
}
