using AdsRecommender.Core.Storage;
using AdsRecommender.Core.Workflows;

namespace AdsRecommender.Cli;

/// <summary>
/// With <c>--storage</c> and <c>--out</c>: the run's result files (both CSVs, report, summary), which live in the storage
/// account, copied into the folder as well, as a local run writes them there.
/// </summary>
public static class ResultCopy
{
    public static async Task ToFolderAsync(IRunStore store, RunOutcome outcome, string outDir, TextWriter output, CancellationToken ct)
    {
        if (outcome.Grouping is not { } grouping) return;
        var dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        foreach (var name in grouping.ResultNames)
        {
            var target = Path.Combine(dir, SafeName.Check(name, "result name"));
            await using (var source = await store.OpenReadAsync(outcome.RunId, RunAreas.Results, name, ct))
            await using (var file = File.Create(target + ".partial"))
                await source.CopyToAsync(file, ct);
            File.Move(target + ".partial", target, overwrite: true);
        }
        output.WriteLine($"  copied to:        {dir}");
    }
}
