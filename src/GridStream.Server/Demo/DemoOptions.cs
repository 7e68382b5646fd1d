namespace GridStream.Server.Demo;

/// <summary>The demo content's settings, read once from configuration.</summary>
/// <param name="AccountsFile">Where the demo accounts' sign-ins are written (see <see cref="DemoAccounts"/>).</param>
/// <param name="AdminConfigured">GridStream:Admin:Email is set: the demo then makes no admin of its own.</param>
internal sealed record DemoOptions(bool Enabled, string MediaDirectory, string? PublicBaseUrl, string Ffmpeg, string AccountsFile, bool AdminConfigured)
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
            configuration["GridStream:Demo:Ffmpeg"] ?? "ffmpeg",
            Path.GetFullPath(configuration["GridStream:Demo:AccountsFile"] ?? Path.Combine(".gridstream", "demo-accounts.json")),
            !string.IsNullOrWhiteSpace(configuration["GridStream:Admin:Email"]));
    }

    public string OnDemandDirectory => Path.Combine(MediaDirectory, OnDemandStream);
}
