using GridStream.Domain.Content;

namespace GridStream.Server.Content;

internal static class ContentServices
{
    public static void AddGridStreamContent(this WebApplicationBuilder builder)
    {
        var allowList = OriginAllowList.Parse(AllowEntries(builder.Configuration.GetSection("GridStream:Origins:Allow")));
        builder.Services.AddSingleton(allowList);
        builder.Services.AddSingleton<OriginGuard>();
        builder.Services.AddHttpClient<OriginClient>(client =>
            {
                client.Timeout = OriginClient.Timeout + TimeSpan.FromSeconds(5); // a backstop; OriginClient times whole reads
                client.DefaultRequestHeaders.UserAgent.ParseAdd("GridStream-manifest-reader/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                ConnectCallback = services.GetRequiredService<OriginGuard>().ConnectAsync,
                // Through a proxy the guard would judge the proxy's address, not the origin's.
                UseProxy = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            });
        builder.Services.AddScoped<SegmentHashing>();
        builder.Services.AddScoped<ReadManifest>();
        builder.Services.AddSingleton<ManifestReadSignal>();
        builder.Services.AddHostedService<ManifestReaderService>();
        builder.Services.AddHostedService<LivePlaylistFollower>();
    }

    /// <summary>One comma-separated value, or a list (GridStream__Origins__Allow__0, __1, …).</summary>
    private static IEnumerable<string?> AllowEntries(IConfigurationSection section) =>
        section.Value is { } single ? [single] : section.GetChildren().Select(child => child.Value);
}
