using GridStream.Domain.Accounts;
using GridStream.Domain.Swarms;
using GridStream.Domain.Swarms.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GridStream.Server.Peers;

internal static class PeersSetup
{
    public static void AddGridStreamPeers(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SwarmOptions>(builder.Configuration.GetSection("GridStream:Swarm"));
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<SwarmOptions>>().Value;
            return new SwarmRegistry(new GroupPolicy(options.MinGroupSize, options.MaxGroupSize));
        });
        builder.Services.AddSingleton(services =>
        {
            var path = services.GetRequiredService<IOptions<SwarmOptions>>().Value.AsnTablePath
                ?? Path.Combine(AppContext.BaseDirectory, "Peers", "asn-sample.txt");
            return AsnTable.Parse(File.ReadAllText(path));
        });
        builder.Services.AddSingleton<NetworkProfiles>();
        builder.Services.AddSingleton<RegistrationCache>();
        builder.Services.AddSingleton<GroupNotifier>();
        builder.Services.AddSingleton<HubRateLimitFilter>();
        builder.Services.AddSingleton<HubCallLoggingFilter>();
        // HubCallLoggingFilter logs failed calls, refusals below error level; the dispatcher would log every one as an error.
        builder.Logging.AddFilter(HubCallLoggingFilter.DispatcherCategory, LogLevel.Critical);
        builder.Services.AddHostedService<SwarmSnapshotWriter>();
        builder.Services.AddSignalR(hub =>
        {
            hub.AddFilter<HubCallLoggingFilter>(); // first, so it also sees the rate limiter's refusals
            hub.AddFilter<HubRateLimitFilter>();
            // Results batches carry unit outputs (up to 256 KiB each by default); agents keep a batch under 1 MiB.
            hub.MaximumReceiveMessageSize = 2 * 1024 * 1024;
            hub.KeepAliveInterval = TimeSpan.FromSeconds(10);
            hub.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
        });
    }

    public static void MapPeerHub(this WebApplication app)
    {
        // A bearer token's connection ends with the token (an hour by default): an account signed out or locked keeps
        // no place in a swarm. Clients renew the token with their refresh token and reconnect.
        app.MapHub<PeerHub>(PeerHubMethods.Path, connection => connection.CloseOnAuthenticationExpiration = true);
        app.MapGet("/api/swarms", ListSwarms.Handle).RequireAuthorization(Roles.Admin).WithTags("Swarms")
            .WithSummary("Every swarm now: peers, group sizes, bytes from the CDN and from peers, P2P share in basis points, stalls");
    }
}
