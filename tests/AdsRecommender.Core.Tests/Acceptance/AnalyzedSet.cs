using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Media;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>Clips analysed into face sets (what grouping sees), with their true identities for the held-out-style set.</summary>
internal sealed record AnalyzedSet(IReadOnlyDictionary<string, string?> Truth, IReadOnlyList<VideoFaceSet> Videos, IReadOnlyList<string> Log)
{
    public static async Task<AnalyzedSet> AnalyzeAsync(IReadOnlyList<HeldOutStyleSet.Item> items)
    {
        var (videos, log) = await AnalyzeAsync(items.Select(item => (item.Name, (Func<string, Task>)(async path =>
        {
            if (item.Spec is { } spec) File.Copy(await ClipMaker.GetAsync(spec), path, overwrite: true);
            else await File.WriteAllBytesAsync(path, item.RawBytes!);
        }))).ToList(), new FaceModelOptions(), new FaceSamplingOptions());
        return new AnalyzedSet(items.ToDictionary(i => i.Name, i => i.Identity), videos, log);
    }

    /// <summary>Writes each clip (name, writer of its file) and analyses it with the given face settings.</summary>
    public static async Task<(IReadOnlyList<VideoFaceSet> Videos, IReadOnlyList<string> Log)> AnalyzeAsync(
        IReadOnlyList<(string Name, Func<string, Task> Write)> clips, FaceModelOptions models, FaceSamplingOptions sampling,
        Action<string, VideoFaces>? inspect = null)
    {
        using var analyzer = new VideoFaceAnalyzer(models, sampling);
        var dir = Directory.CreateTempSubdirectory("adsrec-acceptance").FullName;
        var sets = new List<VideoFaceSet>();
        var log = new List<string>();
        var rng = new Random(7);
        try
        {
            foreach (var (name, write) in clips)
            {
                var path = Path.Combine(dir, name + ".mp4");
                await write(path);
                try
                {
                    var faces = await analyzer.AnalyzeAsync(path);
                    inspect?.Invoke(name, faces);
                    log.Add($"{name}: {faces.People.Count} people{(faces.Background.Count > 0 ? $", {faces.Background.Count} background faces attached to nobody" : "")}");
                    sets.Add(ToFaceSet(name, Math.Round(rng.NextDouble(), 3), faces));
                }
                catch (VideoDecodeException e)
                {
                    log.Add($"{name}: not decodable: {e.Message}");
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return (sets, log);
    }

    /// <summary>What a run stores for a video (faces.npy rows = people, degraded.npy alongside, background.npy, sharpness in faces.json), as grouping reads it back.</summary>
    private static VideoFaceSet ToFaceSet(string name, double performance, VideoFaces faces)
    {
        var primary = faces.People.Count > 0 ? faces.People[0].Embedding : [];
        return new VideoFaceSet(name, performance, primary, faces.People.Select(p => p.Embedding).ToArray())
        {
            DegradedFaces = faces.People.Count > 0 && faces.People.All(p => p.DegradedEmbedding is not null)
                ? faces.People.Select(p => p.DegradedEmbedding!).ToArray() : null,
            Sharpness = faces.People.Select(p => p.Sharpness).ToArray(),
            // background.npy: no degraded crop is embedded for a background face (VideoProcessor, RunGrouper)
            Background = faces.Background.Select(p => new BackgroundFace(p.Embedding, null, p.Sharpness)).ToList(),
        };
    }
}
