using System.Text.Json;
using AdsRecommender.Core.Ingest;
using AdsRecommender.Core.Runs;

namespace AdsRecommender.Core.Storage;

/// <summary>
/// Ledger as JSON files: <c>&lt;root&gt;/runs/&lt;runId&gt;.json</c> and <c>&lt;root&gt;/videos/&lt;runId&gt;/&lt;videoId&gt;.json</c>.
/// Each write is atomic (temp + rename), so a killed process leaves the previous or the new record, never half of one.
/// </summary>
public sealed class LocalRunLedger(string root) : IRunLedger
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Root { get; } = Path.GetFullPath(root);

    public Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken = default) =>
        WriteJsonAsync(Path.Combine(Root, "runs", SafeName.Check(run.RunId, "run id") + ".json"), run, cancellationToken);

    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        await ReadJsonAsync<RunRecord>(Path.Combine(Root, "runs", SafeName.Check(runId, "run id") + ".json"), cancellationToken);

    public Task UpsertVideoAsync(string runId, VideoResult result, CancellationToken cancellationToken = default) =>
        WriteJsonAsync(VideoPath(runId, result.VideoId), result, cancellationToken);

    public Task<VideoResult?> GetVideoAsync(string runId, string videoId, CancellationToken cancellationToken = default) =>
        ReadJsonAsync<VideoResult>(VideoPath(runId, videoId), cancellationToken);

    public async Task<IReadOnlyList<VideoResult>> GetVideosAsync(string runId, CancellationToken cancellationToken = default)
    {
        var dir = Path.Combine(Root, "videos", SafeName.Check(runId, "run id"));
        if (!Directory.Exists(dir)) return [];
        var list = new List<VideoResult>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.json"))
        {
            if (Path.GetFileName(file).StartsWith('.')) continue;
            var r = await ReadJsonAsync<VideoResult>(file, cancellationToken);
            if (r is not null) list.Add(r);
        }
        return list.OrderBy(v => v.RowIndex).ToList();
    }

    /// <summary>Pages in row order; the continuation is the last row index of the previous page.</summary>
    public async Task<VideoPage> GetVideosPageAsync(string runId, string? continuation, int pageSize, CancellationToken cancellationToken = default)
    {
        VideoPage.CheckPageSize(pageSize);
        var after = -1;
        if (continuation is not null && !int.TryParse(continuation, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after))
            throw new ArgumentException($"not a continuation of this ledger: '{continuation}'", nameof(continuation));
        var dir = Path.Combine(Root, "videos", SafeName.Check(runId, "run id"));
        if (!Directory.Exists(dir)) return new VideoPage([], null);
        var all = RowIndexes(dir);
        var start = Array.BinarySearch(all, after + 1);
        if (start < 0) start = ~start;
        var indexes = all.AsSpan(start, Math.Min(pageSize + 1, all.Length - start)).ToArray();
        var page = new List<VideoResult>(Math.Min(pageSize, indexes.Length));
        foreach (var i in indexes.Take(pageSize))
            if (await ReadJsonAsync<VideoResult>(VideoPath(runId, VideoNames.IdFor(i)), cancellationToken) is { } v) page.Add(v);
        var next = indexes.Length > pageSize ? indexes[pageSize - 1].ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new VideoPage(page, next);
    }

    /// <summary>
    /// The sorted row indexes of a run's video records. Listing a directory of a million records takes about a second, once
    /// per page; so the list is kept while the directory has not changed (a record written renames a file into it, which
    /// moves its time). Only a directory untouched for <see cref="QuietBeforeCaching"/> is cached: file times are coarser
    /// than writes, and a record written in the same tick as the listing must not be missed.
    /// </summary>
    private int[] RowIndexes(string dir)
    {
        var stamp = Directory.GetLastWriteTimeUtc(dir);
        if (_indexes.TryGetValue(dir, out var cached) && cached.Stamp == stamp) return cached.Indexes;
        var indexes = Directory.EnumerateFiles(dir, "*.json")
            .Select(f => VideoNames.TryParseIndex(Path.GetFileNameWithoutExtension(f)))
            .OfType<int>().Order().ToArray();
        if (DateTime.UtcNow - stamp > QuietBeforeCaching) _indexes[dir] = (stamp, indexes);
        return indexes;
    }

    private static readonly TimeSpan QuietBeforeCaching = TimeSpan.FromSeconds(2);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime Stamp, int[] Indexes)> _indexes = new(StringComparer.Ordinal);

    private string VideoPath(string runId, string videoId) =>
        Path.Combine(Root, "videos", SafeName.Check(runId, "run id"), SafeName.Check(videoId, "video id") + ".json");

    private static Task WriteJsonAsync<T>(string path, T value, CancellationToken ct) =>
        AtomicFile.WriteAllBytesAsync(path, JsonSerializer.SerializeToUtf8Bytes(value, Json), ct);

    private static async Task<T?> ReadJsonAsync<T>(string path, CancellationToken ct) where T : class
    {
        if (!File.Exists(path)) return null;
        await using var s = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(s, Json, ct);
    }
}
