using AdsRecommender.Core.Similarity;
using BenchmarkDotNet.Attributes;

namespace AdsRecommender.Benchmarks;

/// <summary>All-pairs cosine over N 128-d vectors: blocked FMA kernel vs the naive double loop.</summary>
[MemoryDiagnoser]
public class SimilarityBenchmarks
{
    private float[][] rows = [];
    private EmbeddingMatrix matrix = null!;

    [Params(1000, 2000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        rows = BenchData.Vectors(N);
        matrix = EmbeddingMatrix.FromRows(rows);
    }

    [Benchmark(Baseline = true)]
    public int Naive() => NaiveSimilarity.CountPairsAtLeast(rows, 0.5);

    [Benchmark]
    public int Kernel() => CosineSimilarity.PairsAtLeast(matrix, 0.5f, maxDegreeOfParallelism: 1).Count;

    [Benchmark]
    public long KernelWithHistogram() => CosineSimilarity.Scan(matrix, 0.5f, histogram: true, maxDegreeOfParallelism: 1).Histogram!.Total;

    [Benchmark]
    public int KernelParallel() => CosineSimilarity.PairsAtLeast(matrix, 0.5f, Environment.ProcessorCount).Count;

    [Benchmark]
    public int NormaliseAndKernel() => CosineSimilarity.PairsAtLeast(EmbeddingMatrix.FromRows(rows), 0.5f, maxDegreeOfParallelism: 1).Count;
}
