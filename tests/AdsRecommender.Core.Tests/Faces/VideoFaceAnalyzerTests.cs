using System.Numerics.Tensors;
using AdsRecommender.Core.Faces;
using AdsRecommender.Testing;
using Xunit.Abstractions;

namespace AdsRecommender.Core.Tests.Faces;

[Collection(AdsRecommender.Testing.SerialCollection.Name)]
public sealed class VideoFaceAnalyzerTests(FaceAnalyzerFixture fx, ITestOutputHelper output) : IClassFixture<FaceAnalyzerFixture>
{
    private static float Cos(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);

    private async Task<VideoFaces> AnalyzeClip(ClipSpec spec) => await fx.Analyzer.AnalyzeAsync(await ClipMaker.GetAsync(spec));

    [Fact]
    public async Task A_photo_clip_with_an_intro_yields_one_person_and_a_clip_without_faces_yields_none()
    {
        var withFace = await AnalyzeClip(ClipSpec.WithIntro(SharedData.Photo("barack_obama", 1)));
        var person = Assert.Single(withFace.People);
        Assert.Equal(128, person.Embedding.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(person.Embedding), 3);
        Assert.InRange(person.FrameCount, 6, withFace.FramesSampled - 2); // not during the 0.8 s intro
        Assert.NotNull(person.ThumbnailJpeg);
        Assert.Equal(0xFF, person.ThumbnailJpeg![0]);
        Assert.Equal(0xD8, person.ThumbnailJpeg[1]);
        Assert.NotNull(person.DegradedEmbedding);
        Assert.Equal(1f, TensorPrimitives.Norm(person.DegradedEmbedding), 3);
        var degradedVsSharp = Cos(person.DegradedEmbedding, person.Embedding);
        Assert.InRange(degradedVsSharp, 0.2f, 0.98f); // the same face, but not the same vector

        Assert.True(withFace.FramesDetected < withFace.FramesSampled, "the still photo frames should reuse detections");
        Assert.True(withFace.FacesEmbedded < person.FrameCount, "a steady face should not be embedded in every frame");

        var noFace = await AnalyzeClip(ClipSpec.NoFace());
        Assert.Empty(noFace.People);
        Assert.InRange(noFace.FramesSampled, 5, 7); // 1.5 s at 4 frames/s
        Assert.True(noFace.Timings.DecodeMs > 0);
    }

    [Fact]
    public async Task Two_person_clip_yields_two_people_with_the_larger_one_first()
    {
        var obama = fx.Photos.Embed(SharedData.Photo("barack_obama", 3))!;
        var biden = fx.Photos.Embed(SharedData.Photo("joe_biden", 1))!;
        var faces = await AnalyzeClip(ClipSpec.TwoPeople(SharedData.Photo("barack_obama", 4), SharedData.Photo("joe_biden", 2), smallerScale: 0.55));
        Assert.Equal(2, faces.People.Count);
        var (first, second) = (faces.People[0], faces.People[1]);
        Assert.True(first.Prominence > second.Prominence);
        Assert.True(first.MeanFaceSize > second.MeanFaceSize);
        output.WriteLine($"first~obama {Cos(first.Embedding, obama):F3}, first~biden {Cos(first.Embedding, biden):F3}, second~biden {Cos(second.Embedding, biden):F3}, second~obama {Cos(second.Embedding, obama):F3}");
        Assert.True(Cos(first.Embedding, obama) >= Thresholds.DefaultCosine);
        Assert.True(Cos(first.Embedding, biden) < Thresholds.DefaultCosine);
        Assert.True(Cos(second.Embedding, biden) >= Thresholds.DefaultCosine);
        Assert.True(Cos(second.Embedding, obama) < Thresholds.DefaultCosine);
    }

    [Fact]
    public async Task Real_Obama_video_matches_an_Obama_photo_clip_and_not_the_Miranda_video()
    {
        var whcd = await fx.Analyzer.AnalyzeAsync(Path.Combine(SharedData.Videos, "obama_whcd__barack_obama.mp4"));
        var miranda = await fx.Analyzer.AnalyzeAsync(Path.Combine(SharedData.Videos, "hamilton_seg_3.7-7.9s__lin_manuel_miranda.mp4"));
        var photoClip = await AnalyzeClip(ClipSpec.WithIntro(SharedData.Photo("barack_obama", 2)));
        Assert.NotEmpty(whcd.People);
        Assert.NotEmpty(miranda.People);
        Assert.NotEmpty(photoClip.People);
        var obamaVideo = whcd.People[0].Embedding;
        var sameOk = Cos(obamaVideo, photoClip.People[0].Embedding);
        var diff = Cos(obamaVideo, miranda.People[0].Embedding);
        var mirandaPhoto = fx.Photos.Embed(Path.Combine(SharedData.ExtraPhotos, "lin_manuel_miranda", "1.jpg"))!;
        var mirandaMatch = Cos(miranda.People[0].Embedding, mirandaPhoto);
        output.WriteLine($"obama video ~ obama photo clip {sameOk:F3}; obama video ~ miranda video {diff:F3}; miranda video ~ miranda photo {mirandaMatch:F3}");
        Assert.True(sameOk >= Thresholds.DefaultCosine, $"Obama video vs Obama photo clip {sameOk:F3}");
        Assert.True(diff < Thresholds.DefaultCosine, $"Obama video vs Miranda video {diff:F3}");
        Assert.True(mirandaMatch >= Thresholds.DefaultCosine, $"Miranda video vs Miranda photo {mirandaMatch:F3}");
    }

    [Theory]
    [InlineData(PhotoEffects.Mirror)]
    [InlineData(PhotoEffects.Grayscale)]
    [InlineData(PhotoEffects.Dark)]
    public async Task Degraded_photo_clip_still_matches_another_photo_of_the_person(PhotoEffects effects)
    {
        var reference = fx.Photos.Embed(SharedData.Photo("jennifer_aniston", 1))!;
        var other = fx.Photos.Embed(SharedData.Photo("katy_perry", 1))!;
        var faces = await AnalyzeClip(ClipSpec.Still(SharedData.Photo("jennifer_aniston", 3), 2.0, effects));
        var person = faces.People[0];
        output.WriteLine($"{effects}: same {Cos(person.Embedding, reference):F3}, other {Cos(person.Embedding, other):F3}, score {person.MeanScore:F2}");
        Assert.True(Cos(person.Embedding, reference) >= Thresholds.DefaultCosine);
        Assert.True(Cos(person.Embedding, other) < Thresholds.DefaultCosine);
    }

    [Fact]
    public async Task Small_blurred_and_partly_covered_faces_are_still_found()
    {
        var photo = SharedData.Photo("jennifer_aniston", 3);
        var small = await AnalyzeClip(ClipSpec.Still(photo, 2.0, PhotoEffects.Blur, scale: 0.3));
        var face = fx.Photos.LargestFace(photo, OpenCvSharp.ImreadModes.Color | OpenCvSharp.ImreadModes.IgnoreOrientation)!.Value;
        var (box, size) = (face.Face.Box, face.ImageSize);
        var cover = new RelativeBox(box.X / size.Width, (box.Y + box.Height * 0.62) / size.Height, box.Width / size.Width, box.Height * 0.45 / size.Height);
        var covered = await AnalyzeClip(new ClipSpec([new PhotoSegment(photo, 2.0, Cover: cover)]));
        var reference = fx.Photos.Embed(SharedData.Photo("jennifer_aniston", 1))!;
        output.WriteLine($"small+blur: {small.People.Count} people, size {small.People.FirstOrDefault()?.MeanFaceSize:F3}, same {(small.People.Count > 0 ? Cos(small.People[0].Embedding, reference) : float.NaN):F3}");
        output.WriteLine($"covered: {covered.People.Count} people, same {(covered.People.Count > 0 ? Cos(covered.People[0].Embedding, reference) : float.NaN):F3}");
        Assert.NotEmpty(small.People);
        Assert.NotEmpty(covered.People);
        Assert.True(small.People[0].MeanFaceSize < 0.25);
    }

    [Fact]
    public async Task Still_frames_reuse_detections_and_give_the_same_person_as_detecting_every_frame()
    {
        var clip = await ClipMaker.GetAsync(ClipSpec.Still(SharedData.Photo("serena_williams", 2), 2.0, scale: 0.8));
        using var always = new VideoFaceAnalyzer(fx.Models, new FaceSamplingOptions { StillFrameDifference = 0, EmbedStride = 1 });
        var full = await always.AnalyzeAsync(clip);
        var fast = await fx.Analyzer.AnalyzeAsync(clip);
        Assert.Equal(full.FramesSampled, full.FramesDetected);
        Assert.Equal(1, fast.FramesDetected);
        Assert.Equal(1, fast.FacesEmbedded); // the still frames share the crop of the one detected frame
        Assert.Equal(full.People[0].FrameCount, fast.People[0].FrameCount);
        Assert.True(Cos(full.People[0].Embedding, fast.People[0].Embedding) > 0.99f);
    }

    [Fact]
    public async Task Coarse_tracking_pass_detects_fewer_frames_at_full_size_and_gives_the_same_embedding()
    {
        var video = Path.Combine(SharedData.Videos, "obama_whcd__barack_obama.mp4");
        // the stride schedule (every 3rd embedded), where the coarse pass must embed exactly what full-size detection would
        using var everyFrame = new VideoFaceAnalyzer(fx.Models, new FaceSamplingOptions { TrackingDetectSide = 0, EmbedBest = 0, EmbedStride = 3, FullDetectEvery = 4 });
        using var coarse = new VideoFaceAnalyzer(fx.Models, new FaceSamplingOptions { EmbedBest = 0, EmbedStride = 3, FullDetectEvery = 4 });
        var reference = await everyFrame.AnalyzeAsync(video);
        var tracked = await coarse.AnalyzeAsync(video); // coarse tracking pass on
        output.WriteLine($"tracking pass: {tracked.FramesDetectedFull}/{tracked.FramesDetected} frames at full size (reference {reference.FramesDetectedFull}/{reference.FramesDetected}), {tracked.FacesEmbedded} vs {reference.FacesEmbedded} faces embedded, cos {Cos(tracked.People[0].Embedding, reference.People[0].Embedding):F4}");
        Assert.Equal(reference.FramesDetected, reference.FramesDetectedFull);
        Assert.True(tracked.FramesDetectedFull < reference.FramesDetectedFull / 2 + 2, $"{tracked.FramesDetectedFull} frames at full size");
        Assert.Equal(reference.People.Count, tracked.People.Count);
        Assert.Equal(reference.People[0].FrameCount, tracked.People[0].FrameCount);
        Assert.Equal(reference.FacesEmbedded, tracked.FacesEmbedded); // the same observations are embedded
        Assert.True(Cos(tracked.People[0].Embedding, reference.People[0].Embedding) > 0.999f);
    }

    [Fact]
    public async Task Best_few_embeds_and_detects_less_than_every_third_and_finds_the_same_person()
    {
        var video = Path.Combine(SharedData.Videos, "obama_whcd__barack_obama.mp4");
        using var stride = new VideoFaceAnalyzer(fx.Models, new FaceSamplingOptions { EmbedBest = 0, EmbedStride = 3, FullDetectEvery = 4 }); // before issue #25's session 14
        var before = await stride.AnalyzeAsync(video);
        var best = await fx.Analyzer.AnalyzeAsync(video); // default: the ends and the best few
        var photo = (await AnalyzeClip(ClipSpec.WithIntro(SharedData.Photo("barack_obama", 2)))).People[0].Embedding;
        var (bestToPhoto, beforeToPhoto) = (Cos(best.People[0].Embedding, photo), Cos(before.People[0].Embedding, photo));
        output.WriteLine($"best few: {best.FacesEmbedded} faces embedded, {best.FramesDetectedFull}/{best.FramesDetected} frames at full size; every 3rd: {before.FacesEmbedded}, {before.FramesDetectedFull}/{before.FramesDetected}; cos {Cos(best.People[0].Embedding, before.People[0].Embedding):F4}; to an Obama photo clip {bestToPhoto:F3} against {beforeToPhoto:F3}");
        Assert.True(best.FacesEmbedded < before.FacesEmbedded, $"{best.FacesEmbedded} faces embedded against {before.FacesEmbedded}");
        Assert.True(best.FramesDetectedFull < before.FramesDetectedFull, $"{best.FramesDetectedFull} frames at full size against {before.FramesDetectedFull}");
        Assert.Equal(before.People.Count, best.People.Count);
        Assert.Equal(before.People[0].FrameCount, best.People[0].FrameCount);
        Assert.True(Cos(best.People[0].Embedding, before.People[0].Embedding) > 0.9f); // another few views of a moving face
        Assert.True(bestToPhoto >= beforeToPhoto - 0.03f, $"the person matches their photo at {bestToPhoto:F3} against {beforeToPhoto:F3}");
    }

    [Fact]
    public async Task A_face_returning_after_a_cut_is_one_person()
    {
        var photo = SharedData.Photo("katy_perry", 4);
        var spec = new ClipSpec([
            new PhotoSegment(photo, 1.5, PhotoMotion.Pan),
            new ColorSegment(1.0),
            new PhotoSegment(photo, 1.5, PhotoMotion.ZoomIn, Scale: 0.7),
        ]);
        var faces = await AnalyzeClip(spec);
        var person = Assert.Single(faces.People);
        Assert.InRange(person.FrameCount, 10, 13);
    }

    [Fact]
    public async Task Concurrent_analyses_give_the_same_people_as_one_at_a_time()
    {
        var a = await ClipMaker.GetAsync(ClipSpec.Still(SharedData.Photo("scarlett_johansson", 3), 1.5));
        var b = await ClipMaker.GetAsync(ClipSpec.TwoPeople(SharedData.Photo("kit_harington", 1), SharedData.Photo("angelina_jolie", 2)));
        var alone = await fx.Analyzer.AnalyzeAsync(a);
        var together = await Task.WhenAll(fx.Analyzer.AnalyzeAsync(a), fx.Analyzer.AnalyzeAsync(b), fx.Analyzer.AnalyzeAsync(a)).Within(Deadline.Run, "three analyses at once");
        Assert.Equal(2, together[1].People.Count);
        foreach (var r in new[] { together[0], together[2] })
        {
            var person = Assert.Single(r.People);
            Assert.Equal(alone.People[0].FrameCount, person.FrameCount);
            Assert.True(Cos(alone.People[0].Embedding, person.Embedding) > 0.9999f);
        }
    }

    [Fact]
    public async Task Decode_only_measurement_covers_the_same_frames_as_the_analysis()
    {
        foreach (var name in new[] { "obama_whcd__barack_obama.mp4", "street_crowd__unlabeled.mp4" })
        {
            var path = Path.Combine(SharedData.Videos, name);
            var decode = fx.Analyzer.Sampler.MeasureDecodeOnly(path);
            var faces = await fx.Analyzer.AnalyzeAsync(path);
            output.WriteLine($"{name}: {decode.Width}x{decode.Height}, {decode.FramesSampled} frames; decode-only {decode.DecodeMs:F0} ms; " +
                $"analysis decode {faces.Timings.DecodeMs:F0} ms, detect {faces.Timings.DetectMs:F0} ms, embed {faces.Timings.EmbedMs:F0} ms; people {faces.People.Count}");
            Assert.Equal(decode.FramesSampled, faces.FramesSampled);
            Assert.True(decode.DecodeMs > 0);
        }
    }
}
