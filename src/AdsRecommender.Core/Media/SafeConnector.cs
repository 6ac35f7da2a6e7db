using System.Net;
using System.Net.Sockets;

namespace AdsRecommender.Core.Media;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself, checks every address against
/// the <see cref="UrlPolicy"/> and connects only to an allowed one, so the address checked is the address used.
/// </summary>
/// <param name="resolve">The name resolver (tests pass one that maps a name to a chosen address).</param>
internal sealed class SafeConnector(UrlPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolve(host, ct);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);

        string? refusal = null;
        SocketException? lastError = null;
        foreach (var address in addresses)
        {
            var why = policy.WhyRefused(address, port);
            if (why is not null)
            {
                refusal ??= why;
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastError = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        if (lastError is not null) throw lastError;
        throw new UrlRefusedException(refusal ?? $"refused: no allowed address for {host}");
    }
}
