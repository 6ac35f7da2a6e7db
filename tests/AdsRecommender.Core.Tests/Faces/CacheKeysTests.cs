using AdsRecommender.Core.Faces;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Faces;

/// <summary>The test caches' keys move with what the cached results depend on (the face stage's models and settings).</summary>
public sealed class CacheKeysTests
{
    private static FaceModelOptions Models(string dir) => new FaceModelOptions().WithModelsDirectory(dir);

    [Fact]
    public void The_face_stage_key_changes_with_a_setting_and_with_a_model_file_and_with_nothing_else()
    {
        var same = CacheKeys.FaceStage(Models(SharedData.Models), new FaceSamplingOptions());
        Assert.Equal(same, CacheKeys.FaceStage(Models(SharedData.Models), new FaceSamplingOptions()));
        Assert.NotEqual(same, CacheKeys.FaceStage(Models(SharedData.Models), new FaceSamplingOptions { MinScore = 0.61f }));
        var flip = Models(SharedData.Models);
        flip.FlipAugment = true;
        Assert.NotEqual(same, CacheKeys.FaceStage(flip, new FaceSamplingOptions()));

        // the same settings over a recogniser file with one byte changed
        var copy = Directory.CreateTempSubdirectory("adsrec-cachekey-").FullName;
        try
        {
            foreach (var f in Directory.GetFiles(SharedData.Models)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
            Assert.Equal(same, CacheKeys.FaceStage(Models(copy), new FaceSamplingOptions())); // where the models are is not what they are
            var recognizer = Path.Combine(copy, new FaceModelOptions().RecognizerFile);
            var bytes = File.ReadAllBytes(recognizer);
            bytes[^1] ^= 1;
            File.WriteAllBytes(recognizer, bytes);
            Assert.NotEqual(same, CacheKeys.FaceStage(Models(copy), new FaceSamplingOptions()));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
