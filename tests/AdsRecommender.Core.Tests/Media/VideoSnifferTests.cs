using System.Text;
using AdsRecommender.Core.Media;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Media;

public sealed class VideoSnifferTests
{
    [Fact]
    public void Real_mp4_clips_are_recognised()
    {
        foreach (var clip in Directory.GetFiles(SharedData.Videos, "*.mp4"))
        {
            var head = File.ReadAllBytes(clip).AsSpan(0, VideoSniffer.PrefixLength);
            Assert.Equal("MP4/MOV", VideoSniffer.Sniff(head, out _));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 1, 0, 0, 0 }, "WebM/Matroska")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'A', (byte)'V', (byte)'I', (byte)' ' }, "AVI")]
    [InlineData(new byte[] { (byte)'F', (byte)'L', (byte)'V', 1, 5 }, "FLV")]
    [InlineData(new byte[] { 0, 0, 0, 8, (byte)'w', (byte)'i', (byte)'d', (byte)'e' }, "QuickTime")]
    public void Video_containers_are_recognised(byte[] head, string format) =>
        Assert.Equal(format, VideoSniffer.Sniff(head, out _));

    [Theory]
    [InlineData("<!DOCTYPE html><html>", "not a video (looks like HTML)")]
    [InlineData("  \n<html><body>", "not a video (looks like HTML)")]
    [InlineData("{\"error\":\"denied\"}", "not a video (looks like JSON)")]
    [InlineData("<?xml version=\"1.0\"?><svg>", "not a video (looks like an SVG image)")]
    [InlineData("#EXTM3U\n#EXT-X-VERSION:3", "not a video (looks like an HLS playlist, not a video file)")]
    [InlineData("Access denied", "not a video (looks like text)")]
    public void Text_responses_are_rejected_with_what_they_look_like(string text, string reason)
    {
        Assert.Null(VideoSniffer.Sniff(Encoding.UTF8.GetBytes(text), out var why));
        Assert.Equal(reason, why);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 }, "a PNG image")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "a JPEG image")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, "a GIF image")]
    [InlineData(new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-' }, "a PDF document")]
    [InlineData(new byte[] { 0x1F, 0x8B, 8, 0 }, "gzip data")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0x03, 0x04 }, "an unknown format, first bytes 0001020304")]
    public void Binary_non_videos_are_rejected(byte[] head, string looksLike)
    {
        Assert.Null(VideoSniffer.Sniff(head, out var why));
        Assert.Equal($"not a video (looks like {looksLike})", why);
    }

    [Fact]
    public void Mpeg_ts_needs_sync_bytes_every_188_bytes()
    {
        var ts = new byte[400];
        ts[0] = ts[188] = ts[376] = 0x47;
        Assert.Equal("MPEG-TS", VideoSniffer.Sniff(ts, out _));
        ts[188] = 0;
        Assert.Null(VideoSniffer.Sniff(ts, out _));
    }

    [Fact]
    public void Zero_bytes_are_not_a_video()
    {
        Assert.Null(VideoSniffer.Sniff([], out var why));
        Assert.Equal("not a video (empty response, 0 bytes)", why);
    }
}
