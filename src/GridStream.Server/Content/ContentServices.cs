namespace GridStream.Server.Content;

internal static class ContentServices
{
    public static void AddGridStreamContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<OriginClient>(client =>
        {
            client.Timeout = OriginClient.Timeout + TimeSpan.FromSeconds(5); // a backstop; OriginClient times whole reads
            client.DefaultRequestHeaders.UserAgent.ParseAdd("GridStream-manifest-reader/1.0");
        });
        builder.Services.AddScoped<SegmentHashing>();
        builder.Services.AddScoped<ReadManifest>();
        builder.Services.AddSingleton<ManifestReadSignal>();
        builder.Services.AddHostedService<ManifestReaderService>();
        builder.Services.AddHostedService<LivePlaylistFollower>();
    }
}
