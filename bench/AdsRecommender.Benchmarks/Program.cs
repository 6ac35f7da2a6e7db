using AdsRecommender.Benchmarks;
using BenchmarkDotNet.Running;

// `-- ratio`: quick Stopwatch comparison; anything else goes to BenchmarkDotNet (e.g. `--filter *Similarity*`).
if (args is ["ratio", ..])
    return RatioRunner.Run(Console.Out);

BenchmarkSwitcher.FromAssembly(typeof(SimilarityBenchmarks).Assembly).Run(args);
return 0;
