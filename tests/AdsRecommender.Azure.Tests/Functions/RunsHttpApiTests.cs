using System.Net;
using System.Text;
using AdsRecommender.Core;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Functions;
using AdsRecommender.Testing;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdsRecommender.Azure.Tests.Functions;

/// <summary>
/// The Functions app's <c>POST /api/runs</c> and <c>GET /api/runs/{id}</c> code, called as the worker calls it, with the
/// run store and ledger on Azurite and the in-process Durable host (a stand-in orchestrator under the real name).
/// </summary>
[Collection(AzuriteFixtureCollection.Name)]
public sealed class RunsHttpApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Uri Runs = new("http://127.0.0.1:7071/api/runs");
    private readonly BlobRunStore store = TestStorage.Store(azurite);
    private DurableTaskTestHost host = null!;
    private RunsHttpApi api = null!;

    public async Task InitializeAsync()
    {
        host = await DurableHost.StartAsync(r => r.AddOrchestratorFunc<RunRequest, string>(TaskNames.AnalyzeAds, (_, input) => input.CsvName));
        api = new RunsHttpApi(store, TestStorage.Ledger(azurite), Options.Create(new AdsRecommenderOptions()), NullLogger<RunsHttpApi>.Instance);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<TestHttpResponse> PostAsync(byte[] body, string? contentType = null, string query = "") =>
        (TestHttpResponse)await Deadline.Within(Deadline.Short, "POST /api/runs", ct => api.StartAsync(new TestHttpRequest("POST", new Uri(Runs + query), body, contentType), host.Client, ct));

    private static byte[] Csv(string marker) => Encoding.UTF8.GetBytes($"Performance,Video URL\n0.5,https://cdn.example.com/{marker}.mp4\n");

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    [Fact]
    public async Task A_posted_csv_is_stored_in_input_and_started_once()
    {
        var csv = Csv(Guid.NewGuid().ToString("N"));
        var name = $"upload-{Sha(csv)[..12]}.csv";

        var first = await PostAsync(csv, "text/csv");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("true", first.Header("X-AdsRec-Started"));
        Assert.Equal(name, first.Header("X-AdsRec-Input"));
        var runId = RunIds.For(name, Sha(csv));
        Assert.Equal($"http://127.0.0.1:7071/runtime/webhooks/durabletask/instances/{runId}", first.Header("Location"));
        Assert.Contains($"\"id\":\"{runId}\"", first.Text().Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(csv, await ReadInputAsync(name));
        var done = await host.Client.CompletionAsync(runId, getInputsAndOutputs: true);
        Assert.Equal(name, done.ReadOutputAs<string>());

        var again = await PostAsync(csv); // no content type: CSV by content
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("false", again.Header("X-AdsRec-Started"));
    }

    [Theory]
    [InlineData(null, "{\"blob\": \"NAME\"}")]
    [InlineData(null, "\uFEFF \r\n {\"blob\": \"NAME\"}")]
    [InlineData("application/json; charset=utf-8", "{\"blob\":\"NAME\"}")]
    public async Task Json_naming_a_csv_in_input_starts_that_csv(string? contentType, string json)
    {
        var name = $"named-{Guid.NewGuid():N}.csv";
        var csv = Csv(name);
        await store.WriteAsync("", RunAreas.Input, name, new MemoryStream(csv));

        var r = await PostAsync(Encoding.UTF8.GetBytes(json.Replace("NAME", name)), contentType);

        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        Assert.Equal(name, r.Header("X-AdsRec-Input"));
        var meta = await host.Client.CompletionAsync(RunIds.For(name, Sha(csv)), getInputsAndOutputs: true);
        Assert.Equal(name, meta.ReadInputAs<RunRequest>()!.CsvName);
    }

    [Theory]
    [InlineData("{\"blob\": \"missing-0f3c.csv\"}", HttpStatusCode.NotFound, "No blob 'missing-0f3c.csv' in container 'input'.")]
    [InlineData("{\"blob\": \"../secret.csv\"}", HttpStatusCode.BadRequest, "blob name")]
    [InlineData("{\"blob\": \"ads.txt\"}", HttpStatusCode.BadRequest, "JSON must name a CSV blob")]
    [InlineData("{\"blob\": ", HttpStatusCode.BadRequest, "Invalid JSON")]
    [InlineData("", HttpStatusCode.BadRequest, "Send CSV text, or JSON")]
    public async Task Bad_bodies_are_refused_with_the_reason(string body, HttpStatusCode status, string reason)
    {
        var r = await PostAsync(Encoding.UTF8.GetBytes(body));
        Assert.Equal(status, r.StatusCode);
        Assert.Contains(reason, r.Text().Replace("\\u0027", "'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_20_MiB_is_refused_and_nothing_is_stored()
    {
        var header = "Performance,Video URL\n"u8.ToArray();
        var big = new byte[20 * 1024 * 1024 + 1];
        header.CopyTo(big, 0);
        big.AsSpan(header.Length).Fill((byte)'x');
        var atCap = big[..(20 * 1024 * 1024)];

        var r = await PostAsync(big, "text/csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Contains("larger than 20971520 bytes", r.Text(), StringComparison.Ordinal);
        Assert.False(await store.ExistsAsync("", RunAreas.Input, $"upload-{Sha(big)[..12]}.csv"));
        // exactly at the cap is accepted (a CSV of one bad row; the run itself reports it)
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(atCap, "text/csv")).StatusCode);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("1.5")]
    [InlineData("-2")]
    public async Task Bad_thresholds_are_refused(string threshold)
    {
        var csv = Csv(Guid.NewGuid().ToString("N"));
        var r = await PostAsync(csv, "text/csv", "?threshold=" + threshold);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("threshold: ", r.Text(), StringComparison.Ordinal);
        Assert.False(await store.ExistsAsync("", RunAreas.Input, $"upload-{Sha(csv)[..12]}.csv"));
    }

    [Fact]
    public async Task A_good_threshold_reaches_the_run()
    {
        var csv = Csv(Guid.NewGuid().ToString("N"));
        var r = await PostAsync(csv, "text/csv", "?threshold=0.42");
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var meta = await host.Client.CompletionAsync(RunIds.For($"upload-{Sha(csv)[..12]}.csv", Sha(csv)), getInputsAndOutputs: true);
        Assert.Equal(ThresholdSetting.Fixed(0.42f), meta.ReadInputAs<RunRequest>()!.Options.Threshold);
    }

    [Fact]
    public async Task An_unknown_run_id_is_404_and_a_bad_one_400()
    {
        var unknown = TestStorage.NewRunId();
        var r = (TestHttpResponse)await Deadline.Within(Deadline.Short, "GET /api/runs/{id}", ct => api.GetAsync(new TestHttpRequest("GET", new Uri(Runs + "/" + unknown), []), unknown, host.Client, ct));
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Contains($"No run '{unknown}'.", r.Text().Replace("\\u0027", "'"), StringComparison.Ordinal);

        var bad = (TestHttpResponse)await Deadline.Within(Deadline.Short, "GET /api/runs/{id}", ct => api.GetAsync(new TestHttpRequest("GET", Runs, []), "../x", host.Client, ct));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private async Task<byte[]> ReadInputAsync(string name)
    {
        await using var s = await store.OpenReadAsync("", RunAreas.Input, name);
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms);
        return ms.ToArray();
    }
}
