using System.Text;
using AdsRecommender.Core.Grouping;
using AdsRecommender.Core.Results;

namespace AdsRecommender.Core.Tests.Results;

public sealed class ResultCsvWriterTests
{
    private static string Write(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        var bytes = ms.ToArray();
        Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], "no BOM");
        return Encoding.UTF8.GetString(bytes);
    }

    [Fact]
    public void Pairs_file_has_the_original_columns_and_invariant_numbers()
    {
        var text = Write(s => ResultCsvWriter.WritePairs(s, [new SimilarPair("video(0)", "video(3)", 0.8125f, 1.5, -0.25)]));
        Assert.Equal(
            "Video 1,Video 2,Similarity,Performance 1,Performance 2,Average Performance\n" +
            "video(0),video(3),0.8125,1.5,-0.25,0.625\n",
            text);
    }

    [Fact]
    public void Groups_file_joins_videos_with_semicolons_and_puts_extra_columns_after_the_required_ones()
    {
        var stats = PerformanceStats.Compute([1, 2, 3], 1.0);
        var text = Write(s => ResultCsvWriter.WriteGroups(s, [new FaceGroup(1, ["video(0)", "video(2)", "video(5)"], 2.0, stats) { Cohesion = 0.75f }]));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Group,Videos,Video Count,Average Performance,", lines[0]);
        Assert.StartsWith("1,video(0);video(2);video(5),3,2,2,1,", lines[1]);
        Assert.EndsWith(",2,no,1,0.75", lines[1]);
        Assert.Equal(lines[0].Split(',').Length, lines[1].Split(',').Length);
    }

    [Fact]
    public void Hostile_ids_are_neutralised_and_quoted()
    {
        var text = Write(s => ResultCsvWriter.WritePairs(s, [new SimilarPair("=cmd|'/c calc'!A1", "a,\"b\"", 0.5f, -1, 2)]));
        var row = text.Split('\n')[1];
        Assert.Equal("'=cmd|'/c calc'!A1,\"a,\"\"b\"\"\",0.5,-1,2,0.5", row);
    }

    [Fact]
    public void Ungrouped_file_lists_videos_with_their_performance()
    {
        var result = new GroupingResult([], [], ["video(4)", "video(9)"], 0.4f, "default 0.40")
        {
            Performance = new Dictionary<string, double> { ["video(4)"] = 0.1, ["video(9)"] = -3 },
        };
        Assert.Equal("Video,Performance\nvideo(4),0.1\nvideo(9),-3\n", Write(s => ResultCsvWriter.WriteUngrouped(s, result)));
    }

    [Fact]
    public void The_stream_stays_open_for_the_caller()
    {
        using var ms = new MemoryStream();
        ResultCsvWriter.WritePairs(ms, []);
        Assert.True(ms.CanWrite);
        Assert.Equal("Video 1,Video 2,Similarity,Performance 1,Performance 2,Average Performance\n", Encoding.UTF8.GetString(ms.ToArray()));
    }
}
