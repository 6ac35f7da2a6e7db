using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Similarity;
using AdsRecommender.Core.Tests.Faces;
using AdsRecommender.Core.Tests.Similarity;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Grouping;

/// <summary>
/// The streaming engine (edges from <see cref="StreamingPairScan"/> into union-find, no all-pairs histogram unless the
/// threshold is auto) finds exactly what the all-pairs engine of commit ff452a2 found: the expected digests were printed
/// by this test's canonical form run against that commit. Similarities are rounded to 1e-5 in the digest so that a
/// last-bit change of the recogniser's output on another CPU does not matter; membership and order are exact.
/// The floating-point path still shows: on the AMD EPYC machines of session 12 (AVX-512, .NET 10.0.12) every digest
/// differed from the Intel Xeon ones at the unchanged commit efc7237 that had passed there (the same with AVX-512 off;
/// the photo cases also go through ONNX Runtime's CPU-specific kernels). So each case holds the digest of both float
/// paths, each printed by the unchanged engine; a change of the engine matches neither. A new machine whose six cases all
/// fail at once, at a commit that passed elsewhere, is a new float path: record its digests from an unchanged commit.
/// </summary>
[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class StreamingGroupingEqualityTests(FaceAnalyzerFixture fx) : IClassFixture<FaceAnalyzerFixture>
{
    [Theory]
    [InlineData("default", true, "6DF89A4A820057B1", "F840276282CF8F68")]
    [InlineData("default", false, "665A48C3362C686B", "DDC061F6652EDC6C")]
    [InlineData("0.5", true, "4D99A04575846801", "F88574E9AE23ED9B")]
    [InlineData("auto", true, "88CDA33D61614F34", "9259B6F532B646AE")]
    public void Synthetic_multi_face_sets_cluster_as_the_all_pairs_engine_did(string threshold, bool multiFace, string intelXeon, string amdEpyc)
    {
        var clustering = GroupingEngine.Cluster(SyntheticVideos(2500, seed: 5), Options(threshold, multiFace));
        Assert.True(clustering.Pairs.Count > 100 && clustering.Clusters.Count > 5, $"{clustering.Pairs.Count} pairs, {clustering.Clusters.Count} clusters");
        Assert.Contains(Digest(clustering), new[] { intelXeon, amdEpyc });
    }

    [Theory]
    [InlineData("default", "4D7419B72BF2F24E", "7C5E45A395632B21")]
    [InlineData("auto", "F3B3B1FDD11BB5F6", "AD4282880CB24CF8")]
    public void Real_photo_vectors_cluster_as_the_all_pairs_engine_did(string threshold, string intelXeon, string amdEpyc)
    {
        var clustering = GroupingEngine.Cluster(PhotoVideos(fx), Options(threshold, multiFace: true));
        Assert.True(clustering.Pairs.Count > 10 && clustering.Clusters.Count > 10, $"{clustering.Pairs.Count} pairs, {clustering.Clusters.Count} clusters");
        Assert.Contains(Digest(clustering), new[] { intelXeon, amdEpyc });
    }

    internal static GroupingOptions Options(string threshold, bool multiFace) =>
        new() { Threshold = ThresholdSetting.Parse(threshold), MultiFace = multiFace, DefaultThreshold = Thresholds.DefaultCosine };

    /// <summary>
    /// Videos of 1-3 faces drawn from 400 identities (a few recur often), some faces bridges between two identities (the
    /// chaining guard's case), some with degraded copies, one in 50 without a face.
    /// </summary>
    internal static List<VideoFaceSet> SyntheticVideos(int count, int seed)
    {
        var faces = new SyntheticFaces(seed);
        var rng = new Random(seed);
        var identities = Enumerable.Range(0, 400).Select(_ => faces.Identity()).ToArray();
        float[] Pick() => identities[(int)(identities.Length * Math.Pow(rng.NextDouble(), 2))];
        var videos = new List<VideoFaceSet>(count);
        for (var i = 0; i < count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"v{i:D5}");
            if (i % 50 == 49)
            {
                videos.Add(new VideoFaceSet(id, rng.NextDouble(), [], []));
                continue;
            }
            var rows = new List<float[]>();
            for (var k = rng.Next(1, 4); k > 0; k--)
                rows.Add(rng.NextDouble() < 0.05 ? SyntheticFaces.Mix(faces.Sample(Pick()), faces.Sample(Pick())) : faces.Sample(Pick(), 0.6 + rng.NextDouble()));
            var degraded = rng.NextDouble() < 0.5 ? rows.Select(r => faces.Sample(r, 1.2)).ToArray() : null;
            videos.Add(new VideoFaceSet(id, rng.NextDouble(), rows[0], rows) { DegradedFaces = degraded });
        }
        return videos;
    }

    /// <summary>
    /// Real embeddings: every calibration photo's face, grouped into "videos" of one to three photos of different people
    /// (first = primary) in a fixed order, so people recur across videos as in a run.
    /// </summary>
    internal static List<VideoFaceSet> PhotoVideos(FaceAnalyzerFixture fx)
    {
        var embeddings = Directory.GetDirectories(SharedData.CalibrationPhotos).Order(StringComparer.Ordinal)
            .SelectMany(dir => Directory.GetFiles(dir, "*.jpg").Order(StringComparer.Ordinal))
            .Select(fx.Photos.Embed).OfType<float[]>().ToList();
        var rng = new Random(3);
        var order = embeddings.OrderBy(_ => rng.Next()).ToList();
        var videos = new List<VideoFaceSet>();
        for (var i = 0; i < order.Count;)
        {
            var take = Math.Min(rng.Next(1, 4), order.Count - i);
            var rows = order.GetRange(i, take);
            videos.Add(new VideoFaceSet(string.Create(CultureInfo.InvariantCulture, $"p{videos.Count:D4}"), rng.NextDouble(), rows[0], rows));
            i += take;
        }
        return videos;
    }

    /// <summary>Threshold, pairs in order, clusters in order with their fields, the counters and the histogram, hashed.</summary>
    internal static string Digest(Clustering c)
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(ci, $"t {c.Threshold.Value:0.00000} {c.Threshold.Source}\n");
        foreach (var p in c.Pairs) text.Append(ci, $"p {p.I} {p.J} {p.Similarity:0.00000}\n");
        foreach (var k in c.Clusters)
            text.Append(ci, $"c {string.Join(',', k.Members)} {k.People} {k.Cohesion:0.00000} {k.FaceCount} {string.Join(',', k.FaceIndexes)}\n");
        text.Append(ci, $"n {c.FaceCount} {c.SplitComponents} {c.AttachedWeakFaces} {c.JoinedPeople}\n");
        text.Append(ci, $"h {string.Join(',', c.Histogram.Counts)}\n");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
