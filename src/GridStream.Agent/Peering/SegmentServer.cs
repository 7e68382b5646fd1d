using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GridStream.Agent.Peering;

/// <summary>
/// Serves the segments an agent holds to its group mates: GET /segments/{contentId}/{rendition}/{sequence}, 404 while
/// it doesn't hold one (yet), 503 while every upload slot is taken (<see cref="UploadGate"/>), with CORS headers for
/// browsers in the group (<see cref="SegmentSharing"/>). A misbehaving peer can
/// be simulated with <c>corrupt</c>: it then serves every segment with one byte changed, which its mates must catch by hash.
/// </summary>
internal sealed class SegmentServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SegmentServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<SegmentServer> StartAsync(
        SegmentCache cache, UploadGate uploads, IPAddress bindAddress, bool corrupt, SegmentSharing sharing, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(bindAddress, 0));
        var app = builder.Build();
        app.Run(context => ServeAsync(context, cache, uploads, corrupt, sharing));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SegmentServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ServeAsync(HttpContext context, SegmentCache cache, UploadGate uploads, bool corrupt, SegmentSharing sharing)
    {
        if (SegmentKey.FromPath(context.Request.Path.Value) is not { } key)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            sharing.AnswerPreflight(context.Request, context.Response);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        sharing.AddHeaders(context.Response);

        if (cache.Find(key) is not { } bytes)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!uploads.TryEnter())
        {
            // The asker tries another mate who has it, as for a segment not held yet, rather than share a slow upload.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        try
        {
            if (corrupt && bytes.Length > 0)
            {
                bytes = (byte[])bytes.Clone();
                bytes[bytes.Length / 2] ^= 0xFF;
            }

            context.Response.ContentType = "video/mp2t";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            uploads.Exit();
        }
    }
}
