using System.Text;
using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Cli;

/// <summary>Names a run and puts its CSV into the store's input area.</summary>
public static class RunSetup
{
    /// <summary>A store-safe CSV name from a file name: <c>my ads (1).csv</c> becomes <c>my_ads_(1).csv</c>.</summary>
    public static string CsvNameFor(string path)
    {
        var sb = new StringBuilder();
        foreach (var c in Path.GetFileName(path))
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '(' or ')' or '_' or '-' or '.' or '+' ? c : '_');
        var name = sb.ToString().TrimStart('.');
        if (name.Length == 0) name = "ads.csv";
        if (name.Length > 120) name = name[^120..];
        return SafeName.Check(name, "CSV name");
    }

    public static async Task<(string RunId, string CsvName)> StageCsvAsync(IRunStore store, string csvPath, CancellationToken ct)
    {
        if (!File.Exists(csvPath)) throw new UsageException($"CSV file not found: {csvPath}");
        var bytes = await File.ReadAllBytesAsync(csvPath, ct);
        var name = CsvNameFor(csvPath);
        var runId = RunIds.For(name, RunIds.Sha256Hex(bytes));
        await store.WriteAsync(runId, RunAreas.Input, name, new MemoryStream(bytes, writable: false), ct);
        return (runId, name);
    }
}
