using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Acceptance;

/// <summary>Clips of a <see cref="HeldOutStyleSet"/> analysed into face sets, with their true identities.</summary>
internal sealed record AnalyzedSet(IReadOnlyDictionary<string, string?> Truth, IReadOnlyList<VideoFaceSet> Videos, IReadOnlyList<string> Log)
{
    public static async Task<AnalyzedSet> AnalyzeAsync(IReadOnlyList<HeldOutStyleSet.Item> items)
    {
        using var analyzer = new VideoFaceAnalyzer(new FaceModelOptions(), new FaceSamplingOptions());
        var dir = Directory.CreateTempSubdirectory("adsrec-acceptance").FullName;
        var truth = new Dictionary<string, string?>();
        var sets = new List<VideoFaceSet>();
        var log = new List<string>();
        var rng = new Random(7);
        try
        {
            foreach (var item in items)
            {
                var path = Path.Combine(dir, item.Name + ".mp4");
                if (item.Spec is { } spec) File.Copy(await ClipMaker.GetAsync(spec), path, overwrite: true);
                else await File.WriteAllBytesAsync(path, item.RawBytes!);
                truth[item.Name] = item.Identity;
                try
                {
                    var faces = await analyzer.AnalyzeAsync(path);
                    log.Add($"{item.Name}: {faces.People.Count} people");
                    var primary = faces.People.Count > 0 ? faces.People[0].Embedding : [];
                    sets.Add(new VideoFaceSet(item.Name, Math.Round(rng.NextDouble(), 3), primary, faces.People.Select(p => p.Embedding).ToArray())
                    {
                        DegradedFaces = faces.People.Count > 0 && faces.People.All(p => p.DegradedEmbedding is not null)
                            ? faces.People.Select(p => p.DegradedEmbedding!).ToArray() : null,
                    });
                }
                catch (VideoDecodeException e)
                {
                    log.Add($"{item.Name}: not decodable: {e.Message}");
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return new AnalyzedSet(truth, sets, log);
    }
}
