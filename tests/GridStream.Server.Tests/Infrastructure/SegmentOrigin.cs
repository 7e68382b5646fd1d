using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>
/// A real origin ("CDN") on 127.0.0.1 serving deterministic segments at /seg/{sequence}.ts and counting every byte it
/// sends, so tests can check the agents' own P2P figures against what the CDN actually delivered.
/// </summary>
internal sealed class SegmentOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _bytesServed;
    private int _requests;

    private SegmentOrigin(WebApplication app, int segments, int segmentBytes)
    {
        _app = app;
        Segments = Enumerable.Range(0, segments).Select(sequence => BytesFor(sequence, segmentBytes)).ToList();
    }

    public IReadOnlyList<byte[]> Segments { get; }
    public Uri Address { get; private set; } = null!;
    public long BytesServed => Interlocked.Read(ref _bytesServed);
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<SegmentOrigin> StartAsync(int segments, int segmentBytes)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var origin = new SegmentOrigin(app, segments, segmentBytes);
        app.Run(origin.ServeAsync);
        await app.StartAsync();
        origin.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return origin;
    }

    public Uri UrlOf(int sequence) => new(Address, $"seg/{sequence}.ts");

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static byte[] BytesFor(int sequence, int length)
    {
        var bytes = new byte[length];
        new Random(sequence).NextBytes(bytes);
        return bytes;
    }

    private async Task ServeAsync(HttpContext context)
    {
        var name = context.Request.Path.Value ?? "";
        if (!name.StartsWith("/seg/", StringComparison.Ordinal) || !name.EndsWith(".ts", StringComparison.Ordinal)
            || !int.TryParse(name["/seg/".Length..^".ts".Length], out var sequence) || sequence < 0 || sequence >= Segments.Count)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var bytes = Segments[sequence];
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _bytesServed, bytes.Length);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }
}
