using AdsRecommender.Benchmarks;
using BenchmarkDotNet.Running;

// `-- ratio [similarity]`: quick Stopwatch comparison (`similarity`: the kernel only, no face models); anything else goes to BenchmarkDotNet (e.g. `--filter *Similarity*`).
if (args is ["ratio", ..])
    return RatioRunner.Run(Console.Out, similarityOnly: args is [_, "similarity", ..]);

BenchmarkSwitcher.FromAssembly(typeof(SimilarityBenchmarks).Assembly).Run(args);
return 0;
