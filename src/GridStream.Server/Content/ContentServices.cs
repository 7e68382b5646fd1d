namespace GridStream.Server.Content;

internal static class ContentServices
{
    public static void AddGridStreamContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<OriginClient>(client =>
        {
            client.Timeout = OriginClient.Timeout;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("GridStream-manifest-reader/1.0");
        });
        builder.Services.AddScoped<SegmentHashing>();
        builder.Services.AddScoped<ReadManifest>();
        builder.Services.AddHostedService<LivePlaylistFollower>();
    }
}
