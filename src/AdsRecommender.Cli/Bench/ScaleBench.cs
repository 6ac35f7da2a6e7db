using System.Diagnostics;
using System.Globalization;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;

namespace AdsRecommender.Cli.Bench;

/// <summary>
/// <c>adsrec bench scale --videos N --grouping-only</c>: N synthetic 128-d face vectors (seeded clusters of near-duplicates
/// plus unrelated noise vectors; no download or face stage), then the real similarity and grouping
/// (<see cref="GroupingEngine"/>) and the real result writing (both CSVs, written to a stream row by row). Prints one closing
/// line with wall time, grouping time, pairs and peak RSS; no orchestration, so status and history bytes print as n/a.
/// Without <c>--grouping-only</c> the same vectors go through the real orchestration (<see cref="ScaleRunBench"/>).
/// </summary>
public static class ScaleBench
{
    public const int Dimensions = 128;

    public static int Run(TextWriter output, int videos, int seed, string? outDir)
    {
        var wall = Stopwatch.StartNew();
        var sets = SyntheticVideos(videos, seed);
        var generated = wall.Elapsed.TotalSeconds;

        using var process = Process.GetCurrentProcess();
        var groupCpu = process.TotalProcessorTime;
        var group = Stopwatch.StartNew();
        var result = ResultProjection.Group(sets, new GroupingOptions());
        var groupS = group.Elapsed.TotalSeconds;
        process.Refresh();
        var groupCpuS = (process.TotalProcessorTime - groupCpu).TotalSeconds;

        var dir = outDir ?? Path.Combine(Path.GetTempPath(), $"adsrec-scale-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var write = Stopwatch.StartNew();
        using (var pairs = File.Create(Path.Combine(dir, ResultFiles.Pairs)))
            ResultCsvWriter.WritePairs(pairs, result.Pairs);
        using (var groups = File.Create(Path.Combine(dir, ResultFiles.Groups)))
            ResultCsvWriter.WriteGroups(groups, result.Groups);
        var writeS = write.Elapsed.TotalSeconds;
        if (outDir is null) Directory.Delete(dir, recursive: true);
        var wallS = wall.Elapsed.TotalSeconds;

        process.Refresh();
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(ci,
            $"  synthetic vectors {generated:0.00} s, similarity + grouping {groupS:0.00} s wall, {groupCpuS:0.00} s process CPU on {Environment.ProcessorCount} cores ({result.Groups.Count} groups, threshold {result.Threshold:0.000}), CSVs {writeS:0.00} s{(outDir is null ? "" : $" in {dir}")}"));
        output.WriteLine(ClosingLine(videos, wallS, groupS, result.Pairs.Count, "n/a", "n/a"));
        return CliApp.Ok;
    }

    /// <summary>The one closing line both modes print.</summary>
    public static string ClosingLine(int videos, double wallS, double groupS, int pairs, string statusBytes, string historyBytes)
    {
        using var process = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture,
            $"scale videos={videos} wall_s={wallS:0.00} per_video_ms={wallS * 1000 / Math.Max(1, videos):0.000} group_s={groupS:0.00} pairs={pairs} peak_rss_mb={process.PeakWorkingSet64 / (1024.0 * 1024):0} status_bytes={statusBytes} history_bytes={historyBytes}");
    }

    /// <summary>
    /// Clusters of 2-6 near-duplicates (the same ad re-cut: cosine about 0.8 to their centre) for about half the videos,
    /// the rest unrelated random vectors. Performance is uniform in [0, 1). Deterministic for a seed.
    /// </summary>
    public static List<VideoFaceSet> SyntheticVideos(int count, int seed)
    {
        var rng = new Random(seed);
        var sets = new List<VideoFaceSet>(count);
        var centre = new float[Dimensions];
        var left = 0;
        for (var i = 0; i < count; i++)
        {
            float[] v;
            if (left > 0)
            {
                v = Gaussian(rng);
                for (var k = 0; k < Dimensions; k++) v[k] = centre[k] + 0.75f * v[k];
                left--;
            }
            else if (rng.NextDouble() < 0.25)
            {
                centre = Gaussian(rng);
                left = rng.Next(2, 7) - 1;
                v = Gaussian(rng);
                for (var k = 0; k < Dimensions; k++) v[k] = centre[k] + 0.75f * v[k];
            }
            else v = Gaussian(rng);
            sets.Add(new VideoFaceSet(string.Create(CultureInfo.InvariantCulture, $"video{i:D7}"), rng.NextDouble(), v, [v]));
        }
        return sets;
    }

    private static float[] Gaussian(Random rng)
    {
        var v = new float[Dimensions];
        for (var k = 0; k < v.Length; k++)
            v[k] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        return v;
    }
}
