using System.Reflection;
using System.Text.Json;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Testing;

namespace AdsRecommender.Azure.Tests;

/// <summary>
/// Reads the <c>functions.metadata</c> the Functions SDK generates at build time (what the host indexes):
/// the triggers, routes, auth levels and names the app is deployed with.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<JsonElement[]> Functions = new(Load);

    [Fact]
    public void Csv_blobs_in_input_trigger_a_run_through_the_host_storage_connection_by_polling()
    {
        var trigger = Binding("InputBlobTrigger", "blobTrigger");
        Assert.Equal("input/{name}.csv", trigger.GetProperty("path").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
        Assert.Equal("LogsAndContainerScan", trigger.GetProperty("source").GetString());
        Assert.True(Has("InputBlobTrigger", "durableClient"));
    }

    [Theory]
    [InlineData("StartRun", "runs", "post")]
    [InlineData("GetRun", "runs/{id}", "get")]
    [InlineData("Health", "health", "get")]
    public void Http_endpoints_need_a_function_key(string function, string route, string method)
    {
        var http = Binding(function, "httpTrigger");
        Assert.Equal(route, http.GetProperty("route").GetString());
        Assert.Equal("Function", http.GetProperty("authLevel").GetString());
        Assert.Equal([method], http.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(function != "Health", Has(function, "durableClient"));
    }

    [Fact]
    public void Finished_history_is_purged_daily_through_the_durable_client()
    {
        var timer = Binding("PurgeHistory", "timerTrigger");
        Assert.Equal("0 17 3 * * *", timer.GetProperty("schedule").GetString());
        Assert.True(Has("PurgeHistory", "durableClient"));
    }

    [Theory]
    [InlineData(TaskNames.AnalyzeAds)]
    [InlineData(TaskNames.ProcessBatch)]
    public void Orchestrators_are_registered_under_the_names_the_pipeline_calls(string name) =>
        Assert.True(Has(name, "orchestrationTrigger"), $"{name} has no orchestrationTrigger: {Names()}");

    [Theory]
    [InlineData(TaskNames.ReadAds)]
    [InlineData(TaskNames.ProcessVideo)]
    [InlineData(TaskNames.RecordVideo)]
    [InlineData(TaskNames.CopyDuplicates)]
    [InlineData(TaskNames.GroupVideos)]
    [InlineData(TaskNames.PackVectors)]
    [InlineData(TaskNames.PlanSimilarityShards)]
    [InlineData(TaskNames.SimilarityTile)]
    public void Activities_are_registered_under_the_names_the_orchestrators_call(string name) =>
        Assert.True(Has(name, "activityTrigger"), $"{name} has no activityTrigger: {Names()}");

    [Fact]
    public void Every_function_is_one_of_the_expected_ones()
    {
        string[] expected =
        [
            "InputBlobTrigger", "StartRun", "GetRun", "GetRunVideos", "Health", "PurgeHistory", TaskNames.AnalyzeAds, TaskNames.ProcessBatch,
            TaskNames.ReadAds, TaskNames.ProcessVideo, TaskNames.RecordVideo, TaskNames.CopyDuplicates, TaskNames.GroupVideos, TaskNames.PackVectors,
            TaskNames.PlanSimilarityShards, TaskNames.SimilarityTile,
        ];
        Assert.Equal(expected.Order(), Functions.Value.Select(f => f.GetProperty("name").GetString()!).Order());
    }

    [Fact]
    public void Host_json_and_models_are_deployed_with_the_app()
    {
        var dir = OutputDirectory();
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "host.json")));
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        // a few activities per core: downloads overlap analyses, which VideoProcessor bounds to the core count
        Assert.InRange(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32(), 2, 16);
        Assert.True(File.Exists(Path.Combine(dir, "models", "face_detection_yunet.onnx")));
        Assert.True(File.Exists(Path.Combine(dir, "models", "face_recognition_mobilefacenet_128.onnx")));
    }

    private static string Names() => string.Join(", ", Functions.Value.Select(f => f.GetProperty("name").GetString()));

    private static JsonElement Function(string name) =>
        Functions.Value.SingleOrDefault(f => f.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } f
            ? f
            : throw new Xunit.Sdk.XunitException($"No function '{name}' in functions.metadata: {Names()}");

    private static bool Has(string function, string bindingType) =>
        Function(function).GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == bindingType);

    private static JsonElement Binding(string function, string bindingType) =>
        Function(function).GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == bindingType);

    private static string Configuration =>
        typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string ProjectDirectory => Path.Combine(SharedData.RepoRoot, "src", "AdsRecommender.Functions");

    private static string OutputDirectory() => Path.Combine(ProjectDirectory, "bin", Configuration, "net10.0");

    /// <summary>Uses the solution build's output; builds the Functions project when that is missing or older than its sources.</summary>
    private static JsonElement[] Load()
    {
        var metadata = Path.Combine(OutputDirectory(), "functions.metadata");
        var newestSource = Directory.EnumerateFiles(ProjectDirectory, "*.cs").Select(File.GetLastWriteTimeUtc).Max();
        if (!File.Exists(metadata) || File.GetLastWriteTimeUtc(metadata) < newestSource) Build();
        using var doc = JsonDocument.Parse(File.ReadAllText(metadata));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static void Build() =>
        Task.Run(() => ChildProcess.RunCheckedAsync("dotnet", ["build", ProjectDirectory, "-c", Configuration, "-nologo", "-clp:ErrorsOnly"], Deadline.Run))
            .GetAwaiter().GetResult();
}
