using System.Net;
using System.Net.Http.Headers;
using AdsRecommender.Samples;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

/// <summary>The demo's and the bench's clip server (Kestrel on 127.0.0.1): what a downloader may ask of it.</summary>
public sealed class ClipServerTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adsrec-clipserver").FullName;
    private readonly byte[] _clip = File.ReadAllBytes(Path.Combine(SharedData.Videos, "hamilton_seg_8.3-10.0s__barack_obama.mp4"));
    private ClipServer? _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(Path.Combine(_dir, "a clip.mp4"), _clip);
        await File.WriteAllTextAsync(Path.Combine(_dir, ".hidden"), "not served");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _server = await ClipServer.StartAsync(_dir, ct: cts.Token);
    }

    [Fact]
    public async Task A_get_returns_the_whole_file_as_mp4()
    {
        using var response = await _http.GetAsync(_server!.UriFor("a clip.mp4"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(_clip, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_head_gives_the_length_without_a_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, _server!.UriFor("a clip.mp4"));
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_clip.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_returns_exactly_those_bytes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _server!.UriFor("a clip.mp4"));
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(_clip.AsSpan(1000, 1000).ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(_clip.Length, response.Content.Headers.ContentRange?.Length);
    }

    [Theory]
    [InlineData(".hidden")]          // dot files are not served
    [InlineData("..%2Fetc%2Fpasswd")] // an escaped path stays one name
    [InlineData("missing.mp4")]
    public async Task Anything_but_a_plain_file_of_the_folder_is_not_found(string name)
    {
        using var response = await _http.GetAsync(new Uri(_server!.BaseUri, name));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Other_methods_are_refused()
    {
        using var response = await _http.PostAsync(_server!.UriFor("a clip.mp4"), new ByteArrayContent([1]));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
