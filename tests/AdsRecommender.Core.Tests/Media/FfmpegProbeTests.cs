using AdsRecommender.Core.Media;
using AdsRecommender.Core.Media.Ffmpeg;

namespace AdsRecommender.Core.Tests.Media;

/// <summary>ffprobe's JSON as FFmpeg 5.1 and 7.1 print it: numbers as strings, "N/A", missing fields, the display rotation.</summary>
public sealed class FfmpegProbeTests
{
    [Fact]
    public void A_stream_without_a_frame_count_is_estimated_from_its_duration_and_rate()
    {
        var probe = FfmpegProbe.Parse("""
            {"streams": [{"width": 1280, "height": 720, "r_frame_rate": "30/1", "avg_frame_rate": "0/0", "start_time": "0.066",
              "nb_frames": "N/A"}], "format": {"duration": "10.000000"}}
            """);
        Assert.Equal((1280, 720, 30.0, 300L, 0.066, 0), (probe.Width, probe.Height, probe.Fps, probe.FrameCount, probe.StartSeconds, probe.Rotation));
    }

    [Theory]
    [InlineData("90", 270)] // av_display_rotation_get's counter-clockwise degrees, turned clockwise as OpenCV turns them
    [InlineData("-90", 90)]
    [InlineData("-90.00", 90)] // FFmpeg 7.1 may print a decimal
    [InlineData("180", 180)]
    [InlineData("45", 0)]
    public void The_display_rotation_turns_the_frames_clockwise(string rotation, int clockwise)
    {
        var probe = FfmpegProbe.Parse($$"""
            {"streams": [{"width": 640, "height": 360, "avg_frame_rate": "2997/100", "nb_frames": "51",
              "side_data_list": [{"rotation": {{rotation}}}]}]}
            """);
        Assert.Equal(clockwise, probe.Rotation);
        Assert.Equal(51, probe.FrameCount);
    }

    [Fact]
    public void Key_frames_are_the_packets_flagged_K_in_display_order()
    {
        var probe = FfmpegProbe.Parse("""
            {"packets": [{"pts_time": "0.000000", "flags": "K__"}, {"pts_time": "0.080000", "flags": "___"},
              {"pts_time": "1.000000", "flags": "K_"}, {"pts_time": "0.040000", "flags": "__"}, {"pts_time": "2.000000", "flags": "KD_"}],
             "streams": [{"width": 640, "height": 360, "avg_frame_rate": "25/1", "nb_frames": "60"}]}
            """);
        Assert.Equal([0.0, 1.0, 2.0], probe.KeyFrames);
    }

    [Fact]
    public void A_file_without_a_video_stream_is_refused_with_that_reason()
    {
        var e = Assert.Throws<VideoDecodeException>(() => FfmpegProbe.Parse("""{"programs": [], "streams": []}"""));
        Assert.Equal("no video stream in the file", e.Message);
    }
}
