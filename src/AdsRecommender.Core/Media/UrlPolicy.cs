using System.Net;

namespace AdsRecommender.Core.Media;

/// <summary>
/// Which URLs and addresses a download may reach. Checked on the URL of every hop (scheme, user info, allowed
/// hosts, literal IP addresses, localhost) and again on every address the host resolves to, inside the connect
/// callback (so DNS rebinding cannot swap in a private address after the check).
/// </summary>
public sealed class UrlPolicy(DownloadOptions options)
{
    public const string AllowHint = " (allow with --allow-private-network)";

    private readonly DownloadOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Null when the URL may be requested; otherwise the reason, starting with "refused: ".</summary>
    public string? WhyRefused(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri) return "refused: the URL is not absolute";
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            return $"refused: scheme '{url.Scheme}' is not allowed (only http and https)";
        if (!string.IsNullOrEmpty(url.UserInfo)) return "refused: the URL contains a user name or password";
        var host = url.IdnHost.TrimEnd('.');
        if (host.Length == 0) return "refused: the URL has no host";
        if (_options.AllowedHosts.Count > 0 && !_options.AllowedHosts.Any(h => HostMatches(host, h)))
            return $"refused: host {host} is not in the allowed hosts";

        if (IPAddress.TryParse(url.HostNameType == UriHostNameType.IPv6 ? url.DnsSafeHost : host, out var literal))
            return WhyRefused(literal, url.Port);
        if (!_options.AllowPrivateNetwork &&
            (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
            return $"refused: {host} is a loopback address{AllowHint}";
        return null;
    }

    /// <summary>Null when a connection to this address and port is allowed; otherwise the reason.</summary>
    public string? WhyRefused(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_options.AllowPrivateNetwork) return null;
        var why = AddressClassifier.WhyNotPublic(address);
        if (why is null) return null;
        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (_options.AllowedPrivateEndpoints.Any(e => e.Port == port && (e.Address.Equals(address) || e.Address.Equals(v4))))
            return null;
        return $"refused: {why}{AllowHint}";
    }

    private static bool HostMatches(string host, string pattern)
    {
        pattern = pattern.Trim().TrimEnd('.');
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
            return host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1;
        return host.Equals(pattern, StringComparison.OrdinalIgnoreCase);
    }
}
