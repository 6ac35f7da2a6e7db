namespace AdsRecommender.Core.Storage;

/// <summary>
/// A run's artefacts in a local folder chosen by the caller (one folder per run, so the run id is not part of the path):
/// <c>&lt;root&gt;/&lt;area&gt;/&lt;name&gt;</c>, except area <see cref="RunAreas.Results"/>, which is <c>&lt;root&gt;</c> itself
/// when <paramref name="resultsAtRoot"/> is true (the CLI's layout: both CSVs and the summary directly in the output folder).
/// Writes are atomic (temp file + rename), so an interrupted run never leaves a half-written file under its final name.
/// </summary>
public sealed class LocalRunStore(string root, bool resultsAtRoot = true) : IRunStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public string AreaPath(string area)
    {
        RunAreas.Check(area);
        return area == RunAreas.Results && resultsAtRoot ? Root : Path.Combine(Root, area);
    }

    public string PathOf(string area, string name) => Path.Combine(AreaPath(area), SafeName.Check(name));

    public Task<bool> ExistsAsync(string runId, string area, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(PathOf(area, name)));

    public Task WriteAsync(string runId, string area, string name, Stream content, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(PathOf(area, name), content, cancellationToken);

    public Task<Stream> OpenReadAsync(string runId, string area, string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(area, name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{area}/{name} not found in {Root}.", path);
        Stream s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Task.FromResult(s);
    }

    public string Describe(string runId, string area, string name) => PathOf(area, name);

    /// <summary>
    /// Deletes the temp files a killed process left in the run's areas and ledger (<c>.name.guid.tmp</c> of an atomic write,
    /// <c>.name.guid.part</c> of a download): only a run in this folder writes them, and a rerun starts with none in flight.
    /// Returns how many were removed.
    /// </summary>
    public int RemoveLeftovers()
    {
        if (!Directory.Exists(Root)) return 0;
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(Root, ".*", SearchOption.AllDirectories))
        {
            if (!file.EndsWith(".tmp", StringComparison.Ordinal) && !file.EndsWith(".part", StringComparison.Ordinal)) continue;
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (IOException)
            {
                // in use after all: left for the next run
            }
        }
        return removed;
    }
}
