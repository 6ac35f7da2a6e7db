using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Models;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Faces;

public sealed class EmbeddingDumpTests
{
    [Fact]
    public void Dump()
    {
        var dir = ModelCatalog.FindModelsDirectory();
        foreach (var (name, opts) in new[] { ("128", new FaceModelOptions()), ("128flip", new FaceModelOptions { FlipAugment = true }), ("512", FaceModelOptions.MobileFaceNet512()), ("512flip", FaceModelOptions.MobileFaceNet512()) })
        {
            if (name == "512flip") opts.FlipAugment = true;
            using var det = new FaceDetector(Path.Combine(dir, opts.DetectorFile));
            using var emb = new FaceEmbedder(Path.Combine(dir, opts.RecognizerFile), opts);
            var pf = new PhotoFaces(det, emb);
            using var w = new StreamWriter($"/tmp/emb_{name}.tsv");
            foreach (var root in new[] { SharedData.Photos, SharedData.ExtraPhotos })
                foreach (var file in Directory.GetFiles(root, "*.jpg", SearchOption.AllDirectories).Order())
                {
                    var v = pf.Embed(file);
                    w.WriteLine($"{Path.GetFileName(root)}\t{Path.GetFileName(Path.GetDirectoryName(file))}\t{Path.GetFileName(file)}\t{(v is null ? "" : string.Join(",", v))}");
                }
        }
    }
}
