using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridStream.Server.Tests.Infrastructure;

/// <summary>
/// A real HTTP origin ("CDN") on 127.0.0.1 that tests fill with files and change while the server reads it.
/// It counts requests per path, so a test can tell whether the server downloaded a segment or used the sidecar.
/// </summary>
public sealed class TestOrigin : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new();
    private readonly ConcurrentDictionary<string, int> _requests = new();
    private readonly ConcurrentDictionary<string, bool> _withoutLength = new();
    private readonly ConcurrentDictionary<string, Uri> _redirects = new();
    private WebApplication? _app;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public Uri Url(string path) => new(Address, path.TrimStart('/'));

    public void Put(string path, string text) => Put(path, Encoding.UTF8.GetBytes(text));

    public void Put(string path, byte[] bytes) => _files["/" + path.TrimStart('/')] = bytes;

    /// <summary>Serves the file without Content-Length (chunked), as an origin that doesn't say how much is coming.</summary>
    public void PutWithoutLength(string path, string text)
    {
        Put(path, text);
        _withoutLength["/" + path.TrimStart('/')] = true;
    }

    /// <summary>Answers the path with a 302 to <paramref name="target"/>.</summary>
    public void PutRedirect(string path, Uri target) => _redirects["/" + path.TrimStart('/')] = target;

    /// <summary>Puts a fake segment of random bytes and returns its lowercase hex SHA-256.</summary>
    public string PutSegment(string path, int size = 4_000)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        Put(path, bytes);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public int RequestsFor(string path) => _requests.GetValueOrDefault("/" + path.TrimStart('/'));

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            _requests.AddOrUpdate(path, 1, (_, count) => count + 1);
            if (_redirects.TryGetValue(path, out var target))
            {
                context.Response.Redirect(target.AbsoluteUri);
                return;
            }

            if (!_files.TryGetValue(path, out var body))
            {
                context.Response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }

            if (_withoutLength.ContainsKey(path))
            {
                foreach (var chunk in body.Chunk(64 * 1024))
                {
                    await context.Response.Body.WriteAsync(chunk);
                    await context.Response.Body.FlushAsync();
                }

                return;
            }

            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Address = new Uri(address + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>A media playlist of the given segments (file name, seconds), with or without #EXT-X-ENDLIST.</summary>
    public static string MediaPlaylist(long mediaSequence, IEnumerable<string> segmentFiles, bool ended, int targetDuration = 1)
    {
        var text = new StringBuilder($"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:{targetDuration}\n#EXT-X-MEDIA-SEQUENCE:{mediaSequence}\n");
        foreach (var file in segmentFiles)
        {
            text.Append($"#EXTINF:{targetDuration}.000,\n{file}\n");
        }

        return (ended ? text.Append("#EXT-X-ENDLIST\n") : text).ToString();
    }
}
