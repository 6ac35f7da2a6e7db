using System.Runtime.CompilerServices;

namespace AdsRecommender.Core.Similarity;

/// <summary>
/// All pairs i &lt; j with cosine &gt;= a threshold, on every core, handed to a callback in chunks as they are found:
/// memory is O(threads x <see cref="ChunkSize"/>), never O(N^2) or O(pairs), so it scales to 100k+ rows.
/// Work is split into <see cref="CosineSimilarity.TileSize"/>-row blocks of the upper triangle, taken dynamically so the
/// long first blocks and short last ones balance across threads.
/// </summary>
public static class StreamingPairScan
{
    public const int ChunkSize = 4096;

    /// <summary>
    /// Calls <paramref name="onChunk"/> (one call at a time, under a lock; the span is only valid during the call) with
    /// batches of pairs; the order of pairs across chunks is unspecified. Returns the number of pairs found.
    /// </summary>
    public static long Run(EmbeddingMatrix m, float threshold, int maxDegreeOfParallelism, Action<ReadOnlySpan<ScoredPair>> onChunk)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(onChunk);
        var blocks = (m.Rows + CosineSimilarity.TileSize - 1) / CosineSimilarity.TileSize;
        var threads = Math.Clamp(maxDegreeOfParallelism, 1, Math.Max(1, blocks));
        var gate = new object();
        var next = -1;
        long total = 0;
        void Worker()
        {
            var sink = new ChunkSink(threshold, new ScoredPair[ChunkSize], chunk =>
            {
                lock (gate) onChunk(chunk);
            });
            int b;
            while ((b = Interlocked.Increment(ref next)) < blocks)
            {
                var start = b * CosineSimilarity.TileSize;
                CosineSimilarity.AllPairs(m, ref sink, start, Math.Min(start + CosineSimilarity.TileSize, m.Rows));
            }
            sink.Flush();
            Interlocked.Add(ref total, sink.Found);
        }
        // Each worker drains the shared block counter; one that starts late simply finds nothing left.
        if (threads == 1) Worker();
        else Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => Worker());
        return total;
    }

    private struct ChunkSink(float threshold, ScoredPair[] buffer, Action<ReadOnlySpan<ScoredPair>> flush) : IPairSink
    {
        private int count;
        public long Found;

        public readonly float MinSimilarity => threshold;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int i, int j, float similarity)
        {
            buffer[count++] = new ScoredPair(i, j, similarity);
            if (count == buffer.Length) Flush();
        }

        public void Flush()
        {
            if (count == 0) return;
            Found += count;
            flush(buffer.AsSpan(0, count));
            count = 0;
        }
    }
}
