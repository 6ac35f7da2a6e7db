using System.Net;
using AdsRecommender.Core.Media;

namespace AdsRecommender.Core.Tests.Media;

public sealed class UrlPolicyTests
{
    private static readonly UrlPolicy Strict = new(new DownloadOptions());

    [Theory]
    [InlineData("http://127.0.0.1/v.mp4")]
    [InlineData("http://127.1/v.mp4")]
    [InlineData("http://2130706433/v.mp4")]
    [InlineData("http://0x7f000001/v.mp4")]
    [InlineData("http://0177.0.0.1/v.mp4")]
    [InlineData("http://[::ffff:127.0.0.1]/v.mp4")]
    [InlineData("http://[::1]/v.mp4")]
    [InlineData("http://localhost/v.mp4")]
    [InlineData("http://LOCALHOST./v.mp4")]
    [InlineData("http://media.localhost/v.mp4")]
    public void Loopback_spellings_are_refused(string url)
    {
        var why = Strict.WhyRefused(new Uri(url));
        Assert.NotNull(why);
        Assert.Contains("loopback", why, StringComparison.Ordinal);
        Assert.EndsWith("(allow with --allow-private-network)", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Uri_normalises_short_and_numeric_ipv4_forms_to_dotted_quad()
    {
        Assert.Equal("127.0.0.1", new Uri("http://127.1/").Host);
        Assert.Equal("127.0.0.1", new Uri("http://2130706433/").Host);
        Assert.Equal("127.0.0.1", new Uri("http://0x7f000001/").Host);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("http://10.0.0.5/v.mp4", "private network")]
    [InlineData("http://0.0.0.0/v.mp4", "unspecified")]
    [InlineData("http://[fe80::1]/v.mp4", "link-local")]
    [InlineData("http://[fd00::1]/v.mp4", "unique-local")]
    [InlineData("http://100.64.1.1/v.mp4", "carrier-grade NAT")]
    [InlineData("http://[64:ff9b::a00:1]/v.mp4", "private network")]
    public void Non_public_literal_addresses_are_refused(string url, string kind)
    {
        var why = Strict.WhyRefused(new Uri(url));
        Assert.StartsWith("refused: ", why, StringComparison.Ordinal);
        Assert.Contains(kind, why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://cdn.example.com/v.mp4", "refused: scheme 'ftp' is not allowed (only http and https)")]
    [InlineData("file:///etc/passwd", "refused: scheme 'file' is not allowed (only http and https)")]
    [InlineData("https://user:pw@cdn.example.com/v.mp4", "refused: the URL contains a user name or password")]
    public void Other_schemes_and_user_info_are_refused(string url, string reason) =>
        Assert.Equal(reason, Strict.WhyRefused(new Uri(url)));

    [Fact]
    public void Public_hosts_pass_the_url_check()
    {
        Assert.Null(Strict.WhyRefused(new Uri("https://cdn.example.com/v.mp4")));
        Assert.Null(Strict.WhyRefused(new Uri("http://8.8.8.8/v.mp4")));
    }

    [Fact]
    public void Allowed_hosts_limit_every_url()
    {
        var p = new UrlPolicy(new DownloadOptions { AllowedHosts = ["cdn.example.com", "*.videos.example.org"] });
        Assert.Null(p.WhyRefused(new Uri("https://CDN.example.com/a.mp4")));
        Assert.Null(p.WhyRefused(new Uri("https://eu.videos.example.org/a.mp4")));
        Assert.Equal("refused: host videos.example.org is not in the allowed hosts", p.WhyRefused(new Uri("https://videos.example.org/a.mp4")));
        Assert.Equal("refused: host evil.example is not in the allowed hosts", p.WhyRefused(new Uri("https://evil.example/a.mp4")));
    }

    [Fact]
    public void Allow_private_network_allows_loopback_and_an_allowed_endpoint_allows_only_its_port()
    {
        Assert.Null(new UrlPolicy(new DownloadOptions { AllowPrivateNetwork = true }).WhyRefused(new Uri("http://127.0.0.1:81/")));
        var one = new UrlPolicy(new DownloadOptions { AllowedPrivateEndpoints = [new IPEndPoint(IPAddress.Loopback, 5000)] });
        Assert.Null(one.WhyRefused(new Uri("http://127.0.0.1:5000/v.mp4")));
        Assert.Null(one.WhyRefused(IPAddress.Parse("::ffff:127.0.0.1"), 5000));
        Assert.NotNull(one.WhyRefused(new Uri("http://127.0.0.1:5001/v.mp4")));
        Assert.NotNull(one.WhyRefused(IPAddress.Parse("10.0.0.1"), 5000));
    }
}
