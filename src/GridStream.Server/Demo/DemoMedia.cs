using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace GridStream.Server.Demo;

/// <summary>
/// Makes the demo stream with ffmpeg the first time it is needed: 60 seconds of test pattern and tone at two
/// renditions, H.264/AAC in MPEG-TS, 2-second segments, a master playlist and a <c>segments-sha256.json</c> per
/// rendition. About 9 MB and a few seconds of work, so it is generated rather than committed.
/// </summary>
internal static class DemoMedia
{
    public const int SegmentSeconds = 2;
    private const string CompleteMarker = ".complete";
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(3);

    public static bool IsGenerated(DemoOptions options) => File.Exists(Path.Combine(options.OnDemandDirectory, CompleteMarker));

    /// <summary>
    /// Generates the media unless it exists. Servers and test hosts sharing the folder take turns on a lock file, and
    /// the media is built in a scratch folder and moved into place whole, so nobody serves half a stream.
    /// </summary>
    public static async Task EnsureAsync(DemoOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (IsGenerated(options))
        {
            return;
        }

        Directory.CreateDirectory(options.MediaDirectory);
        using var generationLock = await LockAsync(Path.Combine(options.MediaDirectory, ".generate.lock"), cancellationToken).ConfigureAwait(false);
        if (IsGenerated(options))
        {
            return;
        }

        var scratch = Path.Combine(options.MediaDirectory, $".scratch-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            logger.LogInformation("Generating the demo stream with ffmpeg into {Folder}", options.OnDemandDirectory);
            var watch = Stopwatch.StartNew();
            await RunFfmpegAsync(options.Ffmpeg, scratch, cancellationToken).ConfigureAwait(false);
            foreach (var rendition in Directory.GetDirectories(scratch))
            {
                await WriteSidecarAsync(rendition, cancellationToken).ConfigureAwait(false);
            }

            await File.WriteAllTextAsync(Path.Combine(scratch, CompleteMarker), DateTimeOffset.UtcNow.ToString("O"), cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(options.OnDemandDirectory))
            {
                Directory.Delete(options.OnDemandDirectory, recursive: true); // an older run's leftovers, never marked complete
            }

            Directory.Move(scratch, options.OnDemandDirectory);
            logger.LogInformation("Generated the demo stream in {Seconds:0.0} s", watch.Elapsed.TotalSeconds);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static async Task RunFfmpegAsync(string ffmpeg, string folder, CancellationToken cancellationToken)
    {
        var gop = (SegmentSeconds * 25).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A keyframe exactly every 2 s (fixed GOP, no scene cuts) so that every segment lasts exactly 2 s.
        string[] arguments =
        [
            "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=60",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=60",
            "-filter_complex", "[0:v]split=2[a][b];[a]scale=426:240[v0];[b]null[v1]",
            "-map", "[v0]", "-map", "1:a", "-map", "[v1]", "-map", "1:a",
            "-c:v", "libx264", "-preset", "ultrafast", "-profile:v", "baseline", "-pix_fmt", "yuv420p",
            "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
            "-b:v:0", "300k", "-maxrate:v:0", "330k", "-bufsize:v:0", "600k",
            "-b:v:1", "700k", "-maxrate:v:1", "770k", "-bufsize:v:1", "1400k",
            "-c:a", "aac", "-b:a", "64k", "-ac", "1",
            "-f", "hls", "-hls_time", SegmentSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-hls_playlist_type", "vod",
            "-hls_segment_filename", "%v/seg%03d.ts", "-master_pl_name", "master.m3u8",
            "-var_stream_map", "v:0,a:0,name:240p v:1,a:1,name:360p", "%v/index.m3u8",
        ];
        var start = new ProcessStartInfo(ffmpeg) { WorkingDirectory = folder, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DemoMediaException($"could not start {ffmpeg}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new DemoMediaException(
                $"ffmpeg was not found ('{ffmpeg}'). Install it (Debian: apt-get install -y ffmpeg) or run src/GridStream.Server/prerequisites.sh");
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                throw new DemoMediaException($"ffmpeg failed with exit code {process.ExitCode}: {(await errors.ConfigureAwait(false)).Trim()}");
            }
        }
    }

    private static async Task WriteSidecarAsync(string renditionFolder, CancellationToken cancellationToken)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var segment in Directory.GetFiles(renditionFolder, "*.ts"))
        {
            var stream = File.OpenRead(segment);
            await using (stream.ConfigureAwait(false))
            {
                hashes[Path.GetFileName(segment)] = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            }
        }

        await File.WriteAllTextAsync(
            Path.Combine(renditionFolder, Content.SegmentHashing.SidecarFileName), JsonSerializer.Serialize(hashes), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                // The OS drops the lock with the process, so a crashed generator never blocks the next start.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>The demo media could not be made; the server runs on without the demo content.</summary>
internal sealed class DemoMediaException(string message) : Exception(message);
