using System.Net;
using System.Net.Sockets;
using GridStream.Domain.Content;
using GridStream.Server.Demo;
using Microsoft.AspNetCore.Hosting.Server;

namespace GridStream.Server.Content;

/// <summary>
/// Keeps origin fetches (playlists, segments, hash sidecars) off this server, its private network and cloud metadata
/// services. It is the HTTP handler's connect step, so it judges the addresses a host name resolves to at the moment
/// of connecting — the same addresses the connection then uses — and a name that answers differently later (DNS
/// rebinding) or a redirect to an internal address gains nothing. Exceptions: the operator's allow list and this
/// server's own demo origin.
/// </summary>
internal sealed class OriginGuard(OriginAllowList allowList, DemoOptions demo, IServer server)
{
    /// <summary>A fetch's connect step: resolves the host, keeps the permitted addresses and connects to the first that answers.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var permitted = IsOwnOrigin(host, port)
            ? addresses
            : addresses.Where(address => allowList.Check(host, address).Allowed).ToArray();
        if (permitted.Length == 0)
        {
            var refusal = addresses.Length == 0 ? $"{host} has no address" : allowList.Check(host, addresses[0]).Reason;
            throw new OriginRefusedException(refusal!);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>For a registration: refused only for an address literal that the guard would refuse anyway.</summary>
    public OriginVerdict CheckLiteral(Uri url) =>
        IsOwnOrigin(url.IdnHost, url.Port) ? OriginVerdict.Allow : allowList.CheckLiteral(url);

    private bool IsOwnOrigin(string host, int port)
    {
        if (!demo.Enabled)
        {
            return false;
        }

        try
        {
            var own = new Uri(DemoBaseUrl.Of(demo, server));
            return own.Port == port && string.Equals(own.IdnHost.Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);
        }
        catch (InvalidOperationException)
        {
            return false; // not listening yet
        }
    }
}

/// <summary>An origin fetch refused by the guard; its message goes to the content's owner as the manifest error.</summary>
internal sealed class OriginRefusedException(string message) : IOException(message);
