using System.Buffers.Binary;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Core.ShardedSimilarity;

/// <summary>
/// A tile's pair shard, little-endian binary: <c>ADSPAIR1</c>, the histogram's bin count (int32, 0 when not binned), the
/// pair count (int64), the bins (int64 each), then each pair as (int32 i, int32 j, float32 similarity): 12 bytes a pair.
/// Read back in chunks, so a reader holds one chunk, never the shard.
/// </summary>
public static class PairShardFormat
{
    private static readonly byte[] Magic = "ADSPAIR1"u8.ToArray();
    private const int PairBytes = 12;

    public static byte[] Bytes(IReadOnlyList<ScoredPair> pairs, SimilarityHistogram? histogram)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var bins = histogram?.BinCount ?? 0;
        var bytes = new byte[Magic.Length + 4 + 8 + bins * 8 + (long)pairs.Count * PairBytes];
        var s = bytes.AsSpan();
        Magic.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[8..], bins);
        BinaryPrimitives.WriteInt64LittleEndian(s[12..], pairs.Count);
        var o = 20;
        for (var b = 0; b < bins; b++, o += 8) BinaryPrimitives.WriteInt64LittleEndian(s[o..], histogram!.Counts[b]);
        foreach (var p in pairs)
        {
            BinaryPrimitives.WriteInt32LittleEndian(s[o..], p.I);
            BinaryPrimitives.WriteInt32LittleEndian(s[(o + 4)..], p.J);
            BinaryPrimitives.WriteSingleLittleEndian(s[(o + 8)..], p.Similarity);
            o += PairBytes;
        }
        return bytes;
    }

    /// <summary>Reads a shard from <paramref name="stream"/>: adds its bins to <paramref name="histogram"/> (when both have them) and hands the pairs over in chunks.</summary>
    public static long Read(Stream stream, string name, SimilarityHistogram? histogram, Action<ReadOnlySpan<ScoredPair>> onChunk)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onChunk);
        Span<byte> head = stackalloc byte[20];
        ReadExactly(stream, head, name);
        if (!head[..8].SequenceEqual(Magic)) throw new InvalidDataException($"{name}: not a pair shard");
        var bins = BinaryPrimitives.ReadInt32LittleEndian(head[8..]);
        var count = BinaryPrimitives.ReadInt64LittleEndian(head[12..]);
        if (bins < 0 || count < 0) throw new InvalidDataException($"{name}: damaged header");
        var binBytes = new byte[bins * 8];
        ReadExactly(stream, binBytes, name);
        if (histogram is not null && bins > 0)
        {
            if (bins != histogram.BinCount) throw new InvalidDataException($"{name}: {bins} bins, expected {histogram.BinCount}");
            for (var b = 0; b < bins; b++) histogram.Counts[b] += BinaryPrimitives.ReadInt64LittleEndian(binBytes.AsSpan(b * 8));
        }
        var chunk = new ScoredPair[StreamingPairScan.ChunkSize];
        var buffer = new byte[chunk.Length * PairBytes];
        for (long done = 0; done < count;)
        {
            var n = (int)Math.Min(chunk.Length, count - done);
            ReadExactly(stream, buffer.AsSpan(0, n * PairBytes), name);
            for (var k = 0; k < n; k++)
            {
                var r = buffer.AsSpan(k * PairBytes);
                chunk[k] = new ScoredPair(BinaryPrimitives.ReadInt32LittleEndian(r), BinaryPrimitives.ReadInt32LittleEndian(r[4..]),
                    BinaryPrimitives.ReadSingleLittleEndian(r[8..]));
            }
            onChunk(chunk.AsSpan(0, n));
            done += n;
        }
        return count;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string name)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{name}: truncated");
        }
    }
}
