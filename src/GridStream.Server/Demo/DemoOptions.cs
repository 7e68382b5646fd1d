namespace GridStream.Server.Demo;

/// <summary>The demo content's settings, read once from configuration.</summary>
internal sealed record DemoOptions(bool Enabled, string MediaDirectory, string? PublicBaseUrl, string Ffmpeg)
{
    /// <summary>The generated on-demand stream, served at /origin/demo/…</summary>
    public const string OnDemandStream = "demo";

    /// <summary>A live stream looping over the on-demand segments, served at /origin/demo-live/…</summary>
    public const string LiveStream = "demo-live";

    /// <summary>The on-demand stream again, as priced content: its segments need a playback token. Served at /origin/demo-premium/…</summary>
    public const string PremiumStream = "demo-premium";

    public static DemoOptions From(IConfiguration configuration)
    {
        var folder = configuration["GridStream:Demo:MediaDirectory"] ?? configuration["GRIDSTREAM_MEDIA"] ?? Path.Combine(".gridstream", "media");
        return new DemoOptions(
            configuration.GetValue("GridStream:Demo:Enabled", true),
            Path.GetFullPath(folder),
            configuration["GridStream:PublicBaseUrl"],
            configuration["GridStream:Demo:Ffmpeg"] ?? "ffmpeg");
    }

    public string OnDemandDirectory => Path.Combine(MediaDirectory, OnDemandStream);
}
