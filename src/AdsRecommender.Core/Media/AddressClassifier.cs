using System.Net;
using System.Net.Sockets;

namespace AdsRecommender.Core.Media;

/// <summary>
/// Classifies IP addresses so downloads reach only the public internet (unless private networks are allowed).
/// IPv6 forms that embed an IPv4 address (mapped <c>::ffff:a.b.c.d</c>, compatible <c>::a.b.c.d</c>, NAT64
/// <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>) are classified by the embedded IPv4 address. Teredo and anything
/// outside IPv6 global unicast (2000::/3) is refused as reserved.
/// </summary>
public static class AddressClassifier
{
    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork) return ClassifyV4(address.GetAddressBytes());
        if (address.AddressFamily == AddressFamily.InterNetworkV6) return ClassifyV6(address.GetAddressBytes());
        return AddressKind.Reserved;
    }

    public static bool IsPublic(IPAddress address) => Classify(address) == AddressKind.Public;

    /// <summary>The IPv4 address embedded in an IPv6 address (mapped, compatible, NAT64, 6to4), or null.</summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return null;
        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (IsZero(b, 0, 12) && !(IsZero(b, 12, 3) && b[15] <= 1)) return new IPAddress(b.AsSpan(12, 4)); // ::a.b.c.d
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && IsZero(b, 4, 8)) return new IPAddress(b.AsSpan(12, 4)); // 64:ff9b::/96
        if (b[0] == 0x20 && b[1] == 0x02) return new IPAddress(b.AsSpan(2, 4)); // 2002:AABB:CCDD::/48
        return null;
    }

    /// <summary>"127.0.0.1 is a loopback address", or null for a public address.</summary>
    public static string? WhyNotPublic(IPAddress address)
    {
        var kind = Classify(address);
        if (kind == AddressKind.Public) return null;
        var shown = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
        var embedded = EmbeddedIPv4(address);
        var via = embedded is not null && !address.IsIPv4MappedToIPv6 ? $" (embeds {embedded})" : "";
        return $"{shown}{via} is {Describe(kind, address)}";
    }

    public static string Describe(AddressKind kind, IPAddress? address = null) => kind switch
    {
        AddressKind.Loopback => "a loopback address",
        AddressKind.Private => "a private network address",
        AddressKind.LinkLocal when address is not null && IsMetadata(address) => "a link-local address (cloud metadata service)",
        AddressKind.LinkLocal => "a link-local address",
        AddressKind.Unspecified => "an unspecified address",
        AddressKind.Multicast => "a multicast address",
        AddressKind.Broadcast => "a broadcast address",
        AddressKind.SharedCgnat => "a carrier-grade NAT (shared) address",
        AddressKind.Documentation => "a documentation address",
        AddressKind.SiteLocal => "a site-local address",
        AddressKind.UniqueLocal => "a unique-local (private) address",
        AddressKind.Reserved => "a reserved address",
        _ => "a public address",
    };

    private static bool IsMetadata(IPAddress a)
    {
        var v4 = a.AddressFamily == AddressFamily.InterNetwork ? a : EmbeddedIPv4(a);
        return v4 is not null && v4.Equals(IPAddress.Parse("169.254.169.254"));
    }

    private static AddressKind ClassifyV4(byte[] b)
    {
        byte a0 = b[0], a1 = b[1], a2 = b[2];
        if (b.All(x => x == 255)) return AddressKind.Broadcast;
        if (a0 == 0) return AddressKind.Unspecified;                          // 0.0.0.0/8 "this network"
        if (a0 == 127) return AddressKind.Loopback;                           // 127.0.0.0/8
        if (a0 == 10) return AddressKind.Private;                             // 10.0.0.0/8
        if (a0 == 172 && (a1 & 0xF0) == 16) return AddressKind.Private;       // 172.16.0.0/12
        if (a0 == 192 && a1 == 168) return AddressKind.Private;               // 192.168.0.0/16
        if (a0 == 169 && a1 == 254) return AddressKind.LinkLocal;             // 169.254.0.0/16
        if (a0 == 100 && (a1 & 0xC0) == 64) return AddressKind.SharedCgnat;   // 100.64.0.0/10
        if (a0 == 192 && a1 == 0 && a2 == 2) return AddressKind.Documentation;    // TEST-NET-1
        if (a0 == 198 && a1 == 51 && a2 == 100) return AddressKind.Documentation; // TEST-NET-2
        if (a0 == 203 && a1 == 0 && a2 == 113) return AddressKind.Documentation;  // TEST-NET-3
        if (a0 == 192 && a1 == 0 && a2 == 0) return AddressKind.Reserved;     // IETF protocol assignments
        if (a0 == 192 && a1 == 88 && a2 == 99) return AddressKind.Reserved;   // 6to4 relay anycast
        if (a0 == 198 && (a1 & 0xFE) == 18) return AddressKind.Reserved;      // 198.18.0.0/15 benchmarking
        if ((a0 & 0xF0) == 224) return AddressKind.Multicast;                 // 224.0.0.0/4
        if ((a0 & 0xF0) == 240) return AddressKind.Reserved;                  // 240.0.0.0/4
        return AddressKind.Public;
    }

    private static AddressKind ClassifyV6(byte[] b)
    {
        if (IsZero(b, 0, 16)) return AddressKind.Unspecified;                                  // ::
        if (IsZero(b, 0, 15) && b[15] == 1) return AddressKind.Loopback;                      // ::1
        var embedded = EmbeddedIPv4(new IPAddress(b));
        if (embedded is not null)
        {
            var kind = ClassifyV4(embedded.GetAddressBytes());
            return kind;
        }
        if (b[0] == 0xff) return AddressKind.Multicast;                                       // ff00::/8
        if (b[0] == 0xfe && (b[1] & 0xC0) == 0x80) return AddressKind.LinkLocal;              // fe80::/10
        if (b[0] == 0xfe && (b[1] & 0xC0) == 0xC0) return AddressKind.SiteLocal;              // fec0::/10
        if ((b[0] & 0xFE) == 0xfc) return AddressKind.UniqueLocal;                             // fc00::/7
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return AddressKind.Documentation; // 2001:db8::/32
        if (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xF0) == 0) return AddressKind.Documentation;           // 3fff::/20
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && (b[3] & 0xFE) == 0) return AddressKind.Reserved;   // 2001::/23 (Teredo, IETF)
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) return AddressKind.Private;       // 64:ff9b:1::/48 local NAT64
        if ((b[0] & 0xE0) != 0x20) return AddressKind.Reserved;                               // not 2000::/3 global unicast
        return AddressKind.Public;
    }

    private static bool IsZero(byte[] b, int start, int count)
    {
        for (var i = start; i < start + count; i++)
            if (b[i] != 0) return false;
        return true;
    }
}
