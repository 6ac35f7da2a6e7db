using System.Net;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Media;

public sealed class TestHttpServerTests
{
    private static string Clip => Path.Combine(SharedData.Videos, "hamilton_seg_8.3-10.0s__barack_obama.mp4");

    [Fact]
    public async Task Serves_files_statuses_and_html_and_counts_requests()
    {
        await using var server = new TestHttpServer();
        var file = server.ServeFile("/a.mp4", Clip);
        var missing = server.ServeStatus("/gone", 404);
        var html = server.ServeHtml("/page");
        using var http = new HttpClient();

        var bytes = await http.GetByteArrayAsync(file);
        Assert.Equal(await File.ReadAllBytesAsync(Clip), bytes);

        using var r404 = await http.GetAsync(missing);
        Assert.Equal(HttpStatusCode.NotFound, r404.StatusCode);

        using var rHtml = await http.GetAsync(html);
        Assert.Equal("text/html", rHtml.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await rHtml.Content.ReadAsStringAsync());

        await http.GetByteArrayAsync(file);
        Assert.Equal(2, server.RequestCount("/a.mp4"));
        Assert.Equal(1, server.RequestCount("/gone"));
        Assert.Equal("127.0.0.1", server.BaseUri.Host);
    }

    [Fact]
    public async Task Flaky_route_fails_the_first_requests_then_serves()
    {
        await using var server = new TestHttpServer();
        var url = server.ServeFlaky("/flaky", failures: 2, Clip);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);
        Assert.Equal(3, server.RequestCount("/flaky"));
    }
}
