using System.Net;
using System.Text.Json;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Health;
using AdsRecommender.Core.Runs;
using AdsRecommender.Core.Storage;
using AdsRecommender.Functions;
using AdsRecommender.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AdsRecommender.Azure.Tests.Functions;

/// <summary>
/// <c>GET /api/health</c>, <c>GET /api/runs/{id}/videos</c> and the purge timer, each constructed from the app's own
/// service provider (<see cref="FunctionsAppHost"/>, as Program.cs builds it) on Azurite and the real models.
/// </summary>
[Collection(AzuriteFixtureCollection.Name)]
public sealed class FunctionsAppTests(AzuriteFixture azurite)
{
    private static TestHttpRequest Get(string pathAndQuery) => new("GET", new Uri("http://127.0.0.1:7071/api/" + pathAndQuery), []);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(FunctionsAppHost app)
    {
        var response = (TestHttpResponse)await Deadline.Within(Deadline.Short, "GET /api/health",
            ct => app.Function<HealthHttpApi>().GetAsync(Get("health"), ct));
        return (response.StatusCode, JsonDocument.Parse(response.Text()).RootElement.Clone());
    }

    [Fact]
    public async Task Health_answers_200_with_every_check_when_all_is_there()
    {
        using var app = new FunctionsAppHost(azurite);
        var (status, body) = await HealthAsync(app);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.True(body.GetProperty("healthy").GetBoolean());
        Assert.Equal(
            [EnvironmentSelfTest.OpenCv, EnvironmentSelfTest.OnnxRuntime, EnvironmentSelfTest.Models, EnvironmentSelfTest.Decoder, HealthReporter.Storage],
            body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Health_answers_503_naming_a_missing_model()
    {
        var empty = Directory.CreateTempSubdirectory("adsrec-health-").FullName;
        try
        {
            using var app = new FunctionsAppHost(azurite, new Dictionary<string, string?> { ["AdsRecommender:ModelsDirectory"] = empty });
            var (status, body) = await HealthAsync(app);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.False(body.GetProperty("healthy").GetBoolean());
            Assert.Contains("face_detection_yunet.onnx is missing", body.GetProperty("reason").GetString());
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task Health_answers_503_naming_a_native_library_that_does_not_load()
    {
        // The analyzer the app registers, made as a machine without libdrm makes it: OpenCvSharp's native library fails to load.
        using var app = new FunctionsAppHost(azurite, replace: s => s.AddSingleton<IVideoFaceAnalyzer>(_ =>
            throw new TypeInitializationException("OpenCvSharp.Internal.NativeMethods",
                new DllNotFoundException("Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies: libdrm.so.2: cannot open shared object file"))));
        var (status, body) = await HealthAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("libdrm.so.2", body.GetProperty("reason").GetString());
        Assert.Contains("apt-get install", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Run_videos_come_page_by_page_in_row_order_and_bad_requests_get_400()
    {
        using var app = new FunctionsAppHost(azurite);
        var ledger = app.Services.GetRequiredService<IRunLedger>();
        var runId = TestStorage.NewRunId();
        for (var i = 0; i < 5; i++)
            await ledger.UpsertVideoAsync(runId, new VideoResult($"video({i})", i, 0.1 * i, VideoStatus.Embedded, null, 1, new StageTimings()));
        var api = app.Function<RunVideosHttpApi>();
        async Task<(HttpStatusCode, JsonElement)> GetAsync(string id, string query)
        {
            var r = (TestHttpResponse)await Deadline.Within(Deadline.Short, $"GET /api/runs/{id}/videos{query}",
                ct => api.GetAsync(Get($"runs/{id}/videos{query}"), id, ct));
            return (r.StatusCode, JsonDocument.Parse(r.Text()).RootElement.Clone());
        }

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var query = "?pageSize=2" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation));
            var (status, page) = await GetAsync(runId, query);
            Assert.Equal(HttpStatusCode.OK, status);
            var videos = page.GetProperty("videos").EnumerateArray().Select(v => v.GetProperty("videoId").GetString()!).ToList();
            Assert.InRange(videos.Count, 1, 2);
            seen.AddRange(videos);
            continuation = page.GetProperty("continuation").ValueKind == JsonValueKind.Null ? null : page.GetProperty("continuation").GetString();
            pages++;
        }
        while (continuation is not null && pages < 10);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"video({i})"), seen);
        Assert.Equal(3, pages);

        foreach (var (id, query, expected) in new[]
                 {
                     (runId, "?pageSize=abc", "pageSize must be a number"),
                     (runId, "?pageSize=0", "page size must be 1..1000"),
                     (runId, "?pageSize=1001", "page size must be 1..1000"),
                     ("../x", "", "run id"),
                 })
        {
            var (status, body) = await GetAsync(id, query);
            Assert.True(status == HttpStatusCode.BadRequest, $"{id}{query}: {status} {body}");
            Assert.Contains(expected, body.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task The_purge_timer_purges_finished_runs_past_the_configured_retention_and_keeps_running_ones()
    {
        using var app = new FunctionsAppHost(azurite, new Dictionary<string, string?> { [HistoryPurger.RetentionSetting] = "0" });
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Quick", (_, input) => input)
            .AddOrchestratorFunc<string, string>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<string>("never")));
        var done = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "x");
        await host.Client.CompletionAsync(done);
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "y");
        await host.Client.StartedAsync(running);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the timer's clock is the app's TimeProvider: "now" must be after the completion

        await Deadline.Within(Deadline.Short, "the PurgeHistory timer", ct => app.Function<PurgeHistoryTimer>().RunAsync(new TimerInfo(), host.Client, ct));

        Assert.Null(await host.Client.GetInstanceAsync(done));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(running))!.RuntimeStatus);
        await host.Client.TerminateInstanceAsync(running);
    }
}
