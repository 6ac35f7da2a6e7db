using System.Net;
using AdsRecommender.Core.Media;

namespace AdsRecommender.Core.Tests.Media;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.255.254", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("10.255.255.255", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("169.254.0.1", AddressKind.LinkLocal)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf::1", AddressKind.LinkLocal)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.250", AddressKind.Multicast)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("255.255.255.255", AddressKind.Broadcast)]
    [InlineData("100.64.0.1", AddressKind.SharedCgnat)]
    [InlineData("100.127.255.255", AddressKind.SharedCgnat)]
    [InlineData("192.0.2.10", AddressKind.Documentation)]
    [InlineData("198.51.100.10", AddressKind.Documentation)]
    [InlineData("203.0.113.10", AddressKind.Documentation)]
    [InlineData("2001:db8::1", AddressKind.Documentation)]
    [InlineData("fc00::1", AddressKind.UniqueLocal)]
    [InlineData("fd12:3456::1", AddressKind.UniqueLocal)]
    [InlineData("fec0::1", AddressKind.SiteLocal)]
    [InlineData("240.0.0.1", AddressKind.Reserved)]
    [InlineData("198.18.0.1", AddressKind.Reserved)]
    [InlineData("192.0.0.8", AddressKind.Reserved)]
    [InlineData("2001::1", AddressKind.Reserved)]
    [InlineData("100::1", AddressKind.Reserved)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:10.1.2.3", AddressKind.Private)]
    [InlineData("::ffff:169.254.169.254", AddressKind.LinkLocal)]
    [InlineData("::127.0.0.1", AddressKind.Loopback)]
    [InlineData("::192.168.0.1", AddressKind.Private)]
    [InlineData("64:ff9b::7f00:1", AddressKind.Loopback)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressKind.LinkLocal)]
    [InlineData("64:ff9b:1::1", AddressKind.Private)]
    [InlineData("2002:7f00:1::1", AddressKind.Loopback)]
    [InlineData("2002:c0a8:101::1", AddressKind.Private)]
    [InlineData("8.8.8.8", AddressKind.Public)]
    [InlineData("1.1.1.1", AddressKind.Public)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("100.128.0.1", AddressKind.Public)]
    [InlineData("169.255.0.1", AddressKind.Public)]
    [InlineData("2606:4700:4700::1111", AddressKind.Public)]
    [InlineData("::ffff:8.8.8.8", AddressKind.Public)]
    [InlineData("64:ff9b::808:808", AddressKind.Public)]
    [InlineData("2002:808:808::1", AddressKind.Public)]
    public void Classifies_each_range(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Fact]
    public void Reasons_name_the_address_and_its_kind()
    {
        Assert.Equal("127.0.0.1 is a loopback address", AddressClassifier.WhyNotPublic(IPAddress.Parse("127.0.0.1")));
        Assert.Equal("127.0.0.1 is a loopback address", AddressClassifier.WhyNotPublic(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Equal("169.254.169.254 is a link-local address (cloud metadata service)",
            AddressClassifier.WhyNotPublic(IPAddress.Parse("169.254.169.254")));
        Assert.Equal("2002:7f00:1::1 (embeds 127.0.0.1) is a loopback address",
            AddressClassifier.WhyNotPublic(IPAddress.Parse("2002:7f00:1::1")));
        Assert.Null(AddressClassifier.WhyNotPublic(IPAddress.Parse("8.8.8.8")));
    }
}
