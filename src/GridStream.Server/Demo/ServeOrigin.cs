using System.Text.RegularExpressions;
using GridStream.Domain.Content;
using GridStream.Server.Data;
using GridStream.Server.Licensing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridStream.Server.Demo;

/// <summary>
/// The server's own small origin ("CDN") for the demo content, so the demo works without the internet: the generated
/// files under /origin/demo/…, and the same stream live under /origin/demo-live/…, where each rendition's playlist is
/// a window computed from the clock over the on-demand segments. /origin/demo-premium/… is the on-demand stream as
/// priced content: its segments are served only with a playback token (see <see cref="OriginAccess"/>).
/// </summary>
internal static partial class ServeOrigin
{
    public const int LiveWindowSegments = 6;

    /// <summary>The live demo has been looping since this moment; any fixed instant in the past would do.</summary>
    public static readonly DateTimeOffset LiveEpoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".m3u8"] = "application/vnd.apple.mpegurl",
        [".ts"] = "video/mp2t",
        [".json"] = "application/json",
    };

    public static async Task<Results<PhysicalFileHttpResult, ContentHttpResult, ProblemHttpResult>> HandleAsync(
        string stream, string path, DemoOptions options, TimeProvider clock, GridStreamDbContext db, PlaybackGate gate, OriginTraffic traffic,
        HttpContext context, CancellationToken cancellationToken)
    {
        var parts = path.Split('/');
        // Only plain names: no "..", no hidden files, no encoded separators, nothing that could leave the media folder.
        if (!SafeName().IsMatch(stream) || parts.Any(part => !SafeName().IsMatch(part)) || !ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType))
        {
            return TypedResults.Problem(title: "Not an origin path", detail: "Origin paths are plain file names of .m3u8, .ts or .json files.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var isLive = stream == DemoOptions.LiveStream;
        var folder = Path.Combine(options.MediaDirectory, isLive || stream == DemoOptions.PremiumStream ? DemoOptions.OnDemandStream : stream);
        var file = Path.GetFullPath(Path.Combine([folder, .. parts]));
        if (!options.Enabled || !file.StartsWith(options.MediaDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
        {
            return TypedResults.Problem(title: "No such file", detail: $"The origin has no {stream}/{path}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (await OriginAccess.RefusalAsync(stream, path, db, gate, context.Request, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        if (isLive && parts is [_, "index.m3u8"])
        {
            context.Response.Headers.CacheControl = "no-cache";
            var recording = await ReadRecordingAsync(file, cancellationToken).ConfigureAwait(false);
            var window = LoopedLivePlaylist.At(recording, clock.GetUtcNow() - LiveEpoch, LiveWindowSegments);
            return TypedResults.Content(window.ToPlaylistText(), contentType);
        }

        if (isLive && contentType == ContentTypes[".ts"])
        {
            // The looped live demo repeats its segment URLs every minute, which a real live stream never does: without
            // this, browsers would replay a later loop from their HTTP cache, and neither the viewers' CDN figures nor
            // the origin's counts would be what a live audience costs a CDN.
            context.Response.Headers.CacheControl = "no-store";
        }

        if (HttpMethods.IsGet(context.Request.Method) && contentType == ContentTypes[".ts"])
        {
            traffic.SegmentServed(stream, OriginTraffic.BytesSent(new FileInfo(file).Length, context.Request.GetTypedHeaders().Range));
        }

        return TypedResults.PhysicalFile(file, contentType, enableRangeProcessing: true);
    }

    private static async Task<IReadOnlyList<LoopedSegment>> ReadRecordingAsync(string onDemandPlaylist, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(onDemandPlaylist, cancellationToken).ConfigureAwait(false);
        var playlist = (HlsMediaPlaylist)HlsPlaylist.Parse(text, new Uri(Path.GetFullPath(onDemandPlaylist)));
        // Same folder, same file names: the sidecar next to the live playlist is the on-demand one and still applies.
        return [.. playlist.Segments.Select(segment => new LoopedSegment(segment.FileName, segment.DurationMilliseconds))];
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex SafeName();
}
