using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridStream.Testing.FakeStripeTests;

/// <summary>A real HTTP endpoint on loopback that keeps what it receives; it can fail the first N posts.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<(string Payload, string Signature)> _received = [];
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<(string Payload, string Signature)> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/stripe/webhook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var payload = await reader.ReadToEndAsync();
            lock (receiver._gate)
            {
                receiver._received.Add((payload, context.Request.Headers["Stripe-Signature"].ToString()));
            }

            return Interlocked.Decrement(ref receiver._failuresLeft) >= 0 ? Results.StatusCode(500) : Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(new Uri(address), "/stripe/webhook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
