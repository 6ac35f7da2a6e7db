using System.Net;
using System.Net.Sockets;

namespace AdsRecommender.Testing;

/// <summary>
/// Starts a server on a 127.0.0.1 port for test servers that must be told their port up front (DurableTaskTestHost):
/// a port the operating system reports free, chosen again when another process takes it before the server binds.
/// </summary>
public static class LoopbackPort
{
    private const int Attempts = 5;

    public static async Task<T> StartAsync<T>(Func<int, Task<T>> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(Free());
            }
            catch (Exception e) when (attempt < Attempts && IsAddressInUse(e))
            {
                // the port was taken between choosing and binding it: choose again
            }
        }
    }

    /// <summary>A loopback port the operating system reports free right now (released again: see <see cref="StartAsync{T}"/>).</summary>
    private static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static bool IsAddressInUse(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }) return true;
        return false;
    }
}
