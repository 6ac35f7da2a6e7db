using System.Globalization;
using System.Text.RegularExpressions;
using AdsRecommender.Cli;
using AdsRecommender.Hosting;
using AdsRecommender.Core.Results;
using AdsRecommender.Core.Workflows;
using AdsRecommender.Testing;
using Azure.Data.Tables;
using DurableTask.AzureStorage;

namespace AdsRecommender.Azure.Tests;

/// <summary>
/// <c>--durable-storage</c>: the CLI's orchestration on the Durable Task Azure Storage back end in Azurite (queues, history and
/// instance tables), real clips served on 127.0.0.1, the real face models; the run's data stays in local folders.
/// </summary>
[Collection(AzuriteFixtureCollection.Name)]
public sealed partial class DurableStorageRunTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_on_the_azure_storage_back_end_writes_the_same_csvs_as_the_in_memory_run_and_leaves_its_history_there()
    {
        await using var server = new TestHttpServer();
        var (dir, csv) = await CsvOfClipsAsync(server, "jolie_a", "aniston_a", "jolie_b", "biden", "aniston_b", "nobody");

        // batches of 2 rows: the run fans out three sub-orchestrations, whose messages and history go through Azure Storage
        string[] common = ["run", csv, "--allow-private-network", "--batch-size", "2", "--models", SharedData.Models];
        var (memoryCode, memoryOutput) = await CliAsync([.. common, "--out", Path.Combine(dir, "memory")]);
        Assert.True(memoryCode == CliApp.Ok, memoryOutput);
        var (durableCode, durableOutput) = await CliAsync([.. common, "--out", Path.Combine(dir, "durable"), "--durable-storage", azurite.ConnectionString, "--keep-history"]);
        Assert.True(durableCode == CliApp.Ok, durableOutput);

        foreach (var name in new[] { ResultFiles.Pairs, ResultFiles.Groups })
        {
            var memory = await File.ReadAllTextAsync(Path.Combine(dir, "memory", name));
            Assert.Contains("video(0)", memory); // Jolie's pair, so the comparison is not of two empty files
            Assert.Equal(memory, await File.ReadAllTextAsync(Path.Combine(dir, "durable", name)));
        }

        var runId = RunIds.For(RunSetup.CsvNameFor(csv), RunIds.Sha256Hex(await File.ReadAllBytesAsync(csv)));
        var hub = AzureStorageBackend.ForRun(azurite.ConnectionString, runId).TaskHub;
        Assert.Contains($"orchestration in {azurite.ConnectionString.Split("BlobEndpoint=")[1].Split(';')[0]}, task hub {hub}", durableOutput);
        var tables = new TableServiceClient(azurite.ConnectionString);
        var instance = await tables.GetTableClient(hub + "Instances").GetEntityAsync<TableEntity>(runId, "");
        Assert.Equal("Completed", instance.Value.GetString("RuntimeStatus"));
        var batches = await tables.GetTableClient(hub + "Instances").QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(runId + "-batch-") > 0)
            .CountAsync();
        Assert.Equal(3, batches);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task A_completed_run_deletes_its_task_hub_unless_asked_to_keep_it()
    {
        await using var server = new TestHttpServer();
        var (dir, csv) = await CsvOfClipsAsync(server, "biden", "nobody");
        var runId = RunIds.For(RunSetup.CsvNameFor(csv), RunIds.Sha256Hex(await File.ReadAllBytesAsync(csv)));
        var hub = AzureStorageBackend.ForRun(azurite.ConnectionString, runId).TaskHub;
        var tables = new TableServiceClient(azurite.ConnectionString);
        async Task<int> HubTablesAsync() => await tables.QueryAsync(t => t.Name == hub + "Instances" || t.Name == hub + "History").CountAsync();

        var (code, output) = await CliAsync(["run", csv, "--allow-private-network", "--models", SharedData.Models,
            "--out", Path.Combine(dir, "out"), "--durable-storage", azurite.ConnectionString]);

        Assert.True(code == CliApp.Ok, output);
        Assert.Contains($"Task hub {hub} deleted", output);
        Assert.Equal(0, await HubTablesAsync());
        Assert.True(File.Exists(Path.Combine(dir, "out", ResultFiles.Groups)), output); // the results stay

        // the rerun of the finished run starts afresh on a new hub (finished videos come from the ledger); asked, it stays
        (code, output) = await CliAsync(["run", csv, "--allow-private-network", "--models", SharedData.Models,
            "--out", Path.Combine(dir, "out"), "--durable-storage", azurite.ConnectionString, "--keep-history"]);
        Assert.True(code == CliApp.Ok, output);
        Assert.Contains($"Task hub {hub} kept", output);
        Assert.Equal(2, await HubTablesAsync());
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Bench_scale_on_the_azure_storage_back_end_reports_the_history_the_back_end_stored()
    {
        // 90 rows in batches of 15, 2 per generation: 6 batches, the run continues as new twice
        var (code, output) = await InProcessCli.RunBenchAsync(["scale", "--videos", "90", "--seed", "5", "--batch-size", "15",
            "--batches-per-generation", "2", "--durable-storage", azurite.ConnectionString]);

        Assert.True(code == CliApp.Ok, output);
        Assert.Contains("90 embedded, 6 batches of 15, 3 executions", output);
        var line = Closing().Match(output);
        Assert.True(line.Success, output);
        var historyBytes = long.Parse(line.Groups["history"].Value, CultureInfo.InvariantCulture);

        // read back independently: the run's last execution as the back end returns it
        var hub = Regex.Match(output, @"task hub (adsrec[0-9a-f]{16})").Groups[1].Value;
        Assert.NotEmpty(hub);
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hub,
            StorageAccountClientProvider = new StorageAccountClientProvider(azurite.ConnectionString),
        });
        var instances = await new TableServiceClient(azurite.ConnectionString).GetTableClient(hub + "Instances")
            .QueryAsync<TableEntity>(e => e.RowKey == "").Select(e => e.PartitionKey).Where(id => !id.Contains("-batch-")).ToListAsync();
        var stored = await service.GetOrchestrationHistoryAsync(Assert.Single(instances), null);
        Assert.Equal(stored.Length, historyBytes);
        Assert.Matches(@"Generation\\*"":2", stored); // the third execution, started from the state the second carried
        Assert.DoesNotContain("video(", stored, StringComparison.Ordinal); // claim check: no per-video data in the run's history
    }

    [Theory]
    [InlineData("not a connection string", "not a storage connection string")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteFixture.AccountKey +
                ";BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
        "does not answer")]
    public async Task A_bad_or_unreachable_connection_string_fails_at_start_naming_the_flag(string connection, string reason)
    {
        await using var server = new TestHttpServer();
        var dir = Directory.CreateTempSubdirectory("adsrec-durable-bad-").FullName;
        var csv = Path.Combine(dir, "ads.csv");
        await File.WriteAllTextAsync(csv, $"Performance,Video URL\n0.5,{server.UriFor("/a.mp4")}\n");

        var (code, output) = await CliAsync(["run", csv, "--out", Path.Combine(dir, "out"), "--allow-private-network", "--durable-storage", connection]);

        Assert.Equal(CliApp.UsageError, code);
        Assert.Contains($"--durable-storage: ", output);
        Assert.Contains(reason, output);
        Assert.Equal(0, server.TotalRequests);
        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Serves the test clips and writes a CSV of the named ones (performance 0.1, 0.2, ...) into a new folder.</summary>
    private static async Task<(string Dir, string Csv)> CsvOfClipsAsync(TestHttpServer server, params string[] clips)
    {
        await TestClips.ServeAllAsync(server);
        var dir = Directory.CreateTempSubdirectory("adsrec-durable-run-").FullName;
        var csv = Path.Combine(dir, $"ads-{Guid.NewGuid():N}"[..12] + ".csv");
        await File.WriteAllTextAsync(csv, "Performance,Video URL\n" + string.Join("\n", clips.Select((n, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{0.1 * (i + 1):0.0},{server.UriFor($"/{n}.mp4")}"))) + "\n");
        return (dir, csv);
    }

    private static Task<(int Code, string Output)> CliAsync(string[] args) => InProcessCli.RunAsync(args);

    [GeneratedRegex(@"^scale videos=\d+ wall_s=\S+ per_video_ms=\S+ group_s=\S+ pairs=\d+ peak_rss_mb=\d+ status_bytes=\d+ history_bytes=(?<history>\d+)$", RegexOptions.Multiline)]
    private static partial Regex Closing();
}
