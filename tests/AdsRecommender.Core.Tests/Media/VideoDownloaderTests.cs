using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using AdsRecommender.Core.Media;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Media;

/// <summary>
/// Downloads against <see cref="TestHttpServer"/> on 127.0.0.1. Private networks stay refused; only the test server's
/// own endpoint is allowed (<see cref="DownloadOptions.AllowedPrivateEndpoints"/>), so a second server is refused.
/// </summary>
public sealed class VideoDownloaderTests : IAsyncLifetime
{
    private static readonly string Clip = Path.Combine(SharedData.Videos, "hamilton_seg_8.3-10.0s__barack_obama.mp4");
    private readonly TestHttpServer _server = new();
    private readonly TempFolder _dir = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private DownloadOptions Options(Action<DownloadOptions>? change = null)
    {
        var o = new DownloadOptions
        {
            AllowedPrivateEndpoints = [new IPEndPoint(IPAddress.Loopback, _server.Port)],
            ReadIdleTimeout = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromSeconds(60),
        };
        change?.Invoke(o);
        return o;
    }

    private async Task<VideoDownloadException> FailsAsync(Uri url, DownloadOptions? options = null)
    {
        using var d = new VideoDownloader(options ?? Options());
        var dest = _dir.File("video(0)_perf_0.5.mp4");
        var e = await Assert.ThrowsAsync<VideoDownloadException>(() => d.DownloadAsync(url, dest));
        Assert.Empty(_dir.Files()); // no destination, no half-written temp file
        return e;
    }

    [Fact]
    public async Task Downloads_a_real_mp4_with_size_type_and_sha256()
    {
        var url = _server.ServeFile("/v/clip.mp4", Clip);
        using var d = new VideoDownloader(Options());
        var dest = Path.Combine(_dir.Path, "sub", "video(0)_perf_0.5.mp4");

        var r = await d.DownloadAsync(url, dest);

        var expected = await File.ReadAllBytesAsync(Clip);
        Assert.Equal(expected, await File.ReadAllBytesAsync(dest));
        Assert.Equal(expected.Length, r.Bytes);
        Assert.Equal("video/mp4", r.ContentType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), r.Sha256);
        Assert.Equal("MP4/MOV", r.Format);
        Assert.Equal(["video(0)_perf_0.5.mp4"], Directory.GetFiles(Path.GetDirectoryName(dest)!).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(404, "HTTP 404 Not Found")]
    [InlineData(403, "HTTP 403 Forbidden")]
    [InlineData(410, "HTTP 410 Gone")]
    public async Task Client_errors_fail_at_once_without_retry(int status, string reason)
    {
        var url = _server.ServeStatus("/missing.mp4", status);
        var e = await FailsAsync(url);
        Assert.Equal(reason, e.Message);
        Assert.Equal(1, _server.RequestCount("/missing.mp4"));
    }

    /// <summary>One request per call: the run's durable retry policy is the one retry layer, so the downloader only says "transient".</summary>
    [Theory]
    [InlineData(500, "HTTP 500 Internal Server Error")]
    [InlineData(503, "HTTP 503 Service Unavailable")]
    [InlineData(429, "HTTP 429 Too Many Requests")]
    [InlineData(408, "HTTP 408 Request Timeout")]
    public async Task Transient_errors_are_reported_as_transient_after_one_request(int status, string reason)
    {
        var url = _server.ServeStatus("/busy.mp4", status);
        var e = await FailsAsync(url);
        Assert.Equal(reason, e.Message);
        Assert.True(e.IsTransient);
        Assert.Equal(1, _server.RequestCount("/busy.mp4"));
    }

    [Fact]
    public async Task A_transient_503_then_the_file_succeeds_on_a_later_call()
    {
        var url = _server.ServeFlaky("/flaky.mp4", failures: 2, Clip);
        using var d = new VideoDownloader(Options());
        for (var call = 1; call <= 2; call++)
            Assert.True((await Assert.ThrowsAsync<VideoDownloadException>(() => d.DownloadAsync(url, _dir.File("v.mp4")))).IsTransient);
        var r = await d.DownloadAsync(url, _dir.File("v.mp4"));
        Assert.Equal(3, _server.RequestCount("/flaky.mp4"));
        Assert.Equal(new FileInfo(Clip).Length, r.Bytes);
    }

    [Fact]
    public async Task A_reset_connection_is_reported_as_transient()
    {
        var url = _server.ServeReset("/reset.mp4");
        var e = await FailsAsync(url);
        Assert.Equal("connection reset by the server", e.Message);
        Assert.True(e.IsTransient);
        Assert.Equal(1, _server.RequestCount("/reset.mp4"));
    }

    [Fact]
    public async Task A_slow_trickle_fails_after_the_idle_timeout()
    {
        var url = _server.ServeTrickle("/slow.mp4", Clip, interval: TimeSpan.FromSeconds(30));
        var e = await FailsAsync(url, Options(o => o.ReadIdleTimeout = TimeSpan.FromMilliseconds(700)));
        Assert.Equal("timed out after 700 ms without data", e.Message);
        Assert.Equal(1, _server.RequestCount("/slow.mp4"));
    }

    [Fact]
    public async Task A_steady_trickle_fails_at_the_total_timeout()
    {
        var url = _server.ServeTrickle("/drip.mp4", Clip, interval: TimeSpan.FromMilliseconds(50), bytesPerTick: 64);
        var e = await FailsAsync(url, Options(o =>
        {
            o.ReadIdleTimeout = TimeSpan.FromSeconds(5);
            o.Timeout = TimeSpan.FromSeconds(1.5);
        }));
        Assert.Equal("timed out after 1.5 s", e.Message);
    }

    [Fact]
    public async Task Headers_then_silence_fails_after_the_idle_timeout()
    {
        var url = _server.ServeStall("/stall.mp4");
        var e = await FailsAsync(url, Options(o => o.ReadIdleTimeout = TimeSpan.FromMilliseconds(500)));
        Assert.Equal("timed out after 500 ms without data", e.Message);
    }

    [Fact]
    public async Task Redirect_chains_are_followed_within_the_limit()
    {
        var final = _server.ServeFile("/final.mp4", Clip);
        _server.ServeRedirect("/r2", "/final.mp4", 307);
        _server.ServeRedirect("/r1", _server.UriFor("/r2").ToString(), 301);
        using var d = new VideoDownloader(Options());
        var r = await d.DownloadAsync(_server.UriFor("/r1"), _dir.File("v.mp4"));
        Assert.Equal(final, r.FinalUrl);
        Assert.Equal(1, _server.RequestCount("/final.mp4"));
    }

    [Fact]
    public async Task A_redirect_loop_is_detected()
    {
        _server.ServeRedirect("/a", "/b");
        _server.ServeRedirect("/b", "/a");
        var e = await FailsAsync(_server.UriFor("/a"));
        Assert.Equal("redirect loop", e.Message);
        Assert.Equal(1, _server.RequestCount("/a"));
    }

    [Fact]
    public async Task More_than_five_redirects_are_refused()
    {
        for (var i = 0; i < 7; i++) _server.ServeRedirect($"/hop{i}", $"/hop{i + 1}");
        _server.ServeFile("/hop7", Clip);
        var e = await FailsAsync(_server.UriFor("/hop0"));
        Assert.Equal("too many redirects (more than 5)", e.Message);
        Assert.Equal(0, _server.RequestCount("/hop6"));
    }

    [Fact]
    public async Task A_redirect_to_a_refused_address_is_refused_before_connecting()
    {
        await using var other = new TestHttpServer();
        other.ServeFile("/secret.mp4", Clip);
        _server.ServeRedirect("/go", other.UriFor("/secret.mp4").ToString());
        var e = await FailsAsync(_server.UriFor("/go"));
        Assert.Equal("refused: 127.0.0.1 is a loopback address (allow with --allow-private-network)", e.Message);
        Assert.True(e.IsRefused);
        Assert.Equal(0, other.TotalRequests);
    }

    [Theory]
    [InlineData("ftp://example.com/v.mp4", "refused: scheme 'ftp' is not allowed (only http and https)")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address (cloud metadata service) (allow with --allow-private-network)")]
    [InlineData("http://user:pass@example.com/v.mp4", "refused: the URL contains a user name or password")]
    public async Task A_redirect_is_checked_like_the_first_url(string location, string reason)
    {
        _server.ServeRedirect("/go", location);
        var e = await FailsAsync(_server.UriFor("/go"));
        Assert.Equal(reason, e.Message);
    }

    [Fact]
    public async Task Allowed_hosts_are_checked_on_redirects()
    {
        _server.ServeRedirect("/go", "http://localhost:" + _server.Port + "/v.mp4");
        var e = await FailsAsync(_server.UriFor("/go"), Options(o => o.AllowedHosts = ["127.0.0.1"]));
        Assert.Equal("refused: host localhost is not in the allowed hosts", e.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/v.mp4")]
    [InlineData("http://127.1:{0}/v.mp4")]
    [InlineData("http://2130706433:{0}/v.mp4")]
    [InlineData("http://0x7f000001:{0}/v.mp4")]
    [InlineData("http://0177.0.0.1:{0}/v.mp4")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/v.mp4")]
    [InlineData("http://localhost:{0}/v.mp4")]
    [InlineData("http://[::1]:{0}/v.mp4")]
    public async Task Every_loopback_spelling_is_refused_and_nothing_is_requested(string template)
    {
        _server.ServeFile("/v.mp4", Clip);
        var url = new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, _server.Port));
        var e = await FailsAsync(url, new DownloadOptions());
        Assert.StartsWith("refused: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("loopback", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.TotalRequests);
    }

    [Fact]
    public async Task Host_names_are_checked_after_resolution()
    {
        // A public-looking name that resolves to loopback (DNS rebinding): the URL check cannot know, the connect-time
        // check refuses it. The resolver seam maps the name to this test's server on 127.0.0.1, on any machine.
        _server.ServeFile("/v.mp4", Clip);
        var url = new Uri($"http://videos.example.com:{_server.Port}/v.mp4");
        Assert.Null(new UrlPolicy(new DownloadOptions()).WhyRefused(url));
        var resolved = new List<string>();
        Task<IPAddress[]> Resolve(string host, CancellationToken ct)
        {
            resolved.Add(host);
            return Task.FromResult(new[] { IPAddress.Loopback });
        }

        using (var refusing = new VideoDownloader(new DownloadOptions(), null, Resolve))
        {
            var e = await Assert.ThrowsAsync<VideoDownloadException>(() => refusing.DownloadAsync(url, _dir.File("v.mp4")));
            Assert.Equal($"refused: 127.0.0.1 is a loopback address{UrlPolicy.AllowHint}", e.Message);
            Assert.True(e.IsRefused);
        }
        Assert.Equal(["videos.example.com"], resolved);
        Assert.Equal(0, _server.TotalRequests);
        Assert.Empty(_dir.Files());

        // The same name and resolver with private addresses allowed reaches the server: the refusal above was the check.
        using var allowing = new VideoDownloader(new DownloadOptions { AllowPrivateNetwork = true }, null, Resolve);
        var r = await allowing.DownloadAsync(url, _dir.File("v.mp4"));
        Assert.Equal(new FileInfo(Clip).Length, r.Bytes);
        Assert.Equal(1, _server.TotalRequests);
    }

    [Fact]
    public async Task Allow_private_network_allows_any_local_server()
    {
        await using var other = new TestHttpServer();
        var url = other.ServeFile("/v.mp4", Clip);
        using var d = new VideoDownloader(new DownloadOptions { AllowPrivateNetwork = true });
        var r = await d.DownloadAsync(url, _dir.File("v.mp4"));
        Assert.Equal(new FileInfo(Clip).Length, r.Bytes);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_fails()
    {
        var size = new FileInfo(Clip).Length;
        var url = _server.ServeLyingLength("/short.mp4", Clip, declaredLength: size + 5000);
        var e = await FailsAsync(url);
        Assert.Equal($"incomplete: received {size} of {size + 5000} bytes", e.Message);
    }

    [Fact]
    public async Task A_body_longer_than_its_content_length_is_cut_at_the_declared_length()
    {
        // HTTP framing: bytes after Content-Length are not part of the response. The file is what was declared.
        var url = _server.ServeLyingLength("/long.mp4", Clip, declaredLength: 10_000);
        using var d = new VideoDownloader(Options());
        var r = await d.DownloadAsync(url, _dir.File("v.mp4"));
        Assert.Equal(10_000, r.Bytes);
        Assert.Equal(10_000, new FileInfo(_dir.File("v.mp4")).Length);
    }

    [Fact]
    public async Task A_declared_size_over_the_cap_is_refused_before_reading()
    {
        var url = _server.ServeHuge("/huge.mp4", 50 * DownloadOptions.MiB);
        var e = await FailsAsync(url, Options(o => o.MaxBytes = DownloadOptions.MiB));
        Assert.Equal("too large: more than 1 MiB", e.Message);
    }

    [Fact]
    public async Task An_undeclared_body_over_the_cap_is_stopped_while_streaming()
    {
        var url = _server.ServeHuge("/endless.mp4", 20 * DownloadOptions.MiB, declareLength: false);
        var e = await FailsAsync(url, Options(o => o.MaxBytes = 2 * DownloadOptions.MiB));
        Assert.Equal("too large: more than 2 MiB", e.Message);
    }

    [Fact]
    public async Task Default_cap_is_200_MiB()
    {
        var url = _server.ServeHuge("/huge.mp4", 201 * DownloadOptions.MiB);
        var e = await FailsAsync(url);
        Assert.Equal("too large: more than 200 MiB", e.Message);
    }

    [Fact]
    public async Task An_html_page_is_not_a_video()
    {
        var e = await FailsAsync(_server.ServeHtml("/watch"));
        Assert.Equal("not a video (looks like HTML)", e.Message);
    }

    [Fact]
    public async Task Json_is_not_a_video()
    {
        var e = await FailsAsync(_server.ServeBytes("/api", Encoding.UTF8.GetBytes("{\"error\":\"expired\"}"), "application/json"));
        Assert.Equal("not a video (looks like JSON)", e.Message);
    }

    [Fact]
    public async Task An_image_is_not_a_video_even_when_labelled_video()
    {
        var photo = SharedData.Photo("barack_obama", 1);
        var e = await FailsAsync(_server.ServeFile("/img.mp4", photo, "video/mp4"));
        Assert.Equal("not a video (looks like a JPEG image)", e.Message);
    }

    [Fact]
    public async Task A_zero_byte_response_is_not_a_video()
    {
        var e = await FailsAsync(_server.ServeBytes("/empty.mp4", [], "video/mp4"));
        Assert.Equal("not a video (empty response, 0 bytes)", e.Message);
    }

    [Fact]
    public async Task A_truncated_mp4_downloads_and_is_left_to_the_decoder()
    {
        var url = _server.ServeTruncated("/cut.mp4", Clip, keepBytes: 20_000);
        using var d = new VideoDownloader(Options());
        var r = await d.DownloadAsync(url, _dir.File("v.mp4"));
        Assert.Equal(20_000, r.Bytes);
        Assert.Equal("MP4/MOV", r.Format);
    }

    [Fact]
    public async Task A_failed_download_leaves_an_existing_destination_untouched()
    {
        var dest = _dir.File("v.mp4");
        await File.WriteAllTextAsync(dest, "previous");
        using var d = new VideoDownloader(Options());
        await Assert.ThrowsAsync<VideoDownloadException>(() => d.DownloadAsync(_server.ServeHtml("/x"), dest));
        Assert.Equal("previous", await File.ReadAllTextAsync(dest));
        Assert.Equal(["v.mp4"], _dir.Files());
    }

    [Fact]
    public async Task A_closed_port_is_reported_as_connection_refused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var e = await FailsAsync(new Uri($"http://127.0.0.1:{port}/v.mp4"), new DownloadOptions { AllowPrivateNetwork = true });
        Assert.Equal($"connection refused by 127.0.0.1:{port}", e.Message);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_download_failure()
    {
        var url = _server.ServeStall("/stall.mp4");
        using var d = new VideoDownloader(Options());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => d.DownloadAsync(url, _dir.File("v.mp4"), cts.Token));
        Assert.Empty(_dir.Files());
    }
}
