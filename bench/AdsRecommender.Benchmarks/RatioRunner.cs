using System.Diagnostics;
using System.Globalization;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Similarity;

namespace AdsRecommender.Benchmarks;

/// <summary>
/// Quick check without BenchmarkDotNet: times the kernel (single thread, best of several runs) and the naive loop with a
/// Stopwatch and prints pairs/s and the speed ratio.
/// </summary>
public static class RatioRunner
{
    public static int Run(TextWriter output, bool similarityOnly = false)
    {
        var ok = Streaming(output);
        if (similarityOnly) return ok ? 0 : 1;
        foreach (var n in new[] { 1000, 2000 })
        {
            var rows = BenchData.Vectors(n);
            var matrix = EmbeddingMatrix.FromRows(rows);
            var pairs = (long)n * (n - 1) / 2;

            var expected = NaiveSimilarity.CountPairsAtLeast(rows, 0.5);
            var kernelCount = CosineSimilarity.PairsAtLeast(matrix, 0.5f, 1).Count; // warm-up + check
            if (Math.Abs(expected - kernelCount) > pairs / 100000 + 2)
            {
                output.WriteLine($"N={n}: kernel found {kernelCount} pairs, naive {expected}");
                ok = false;
            }

            var naive = Best(3, () => NaiveSimilarity.CountPairsAtLeast(rows, 0.5));
            var kernel = Best(15, () => CosineSimilarity.PairsAtLeast(matrix, 0.5f, 1));
            var hist = Best(15, () => CosineSimilarity.Scan(matrix, 0.5f, histogram: true, 1));
            var par = Best(15, () => CosineSimilarity.PairsAtLeast(matrix, 0.5f, Environment.ProcessorCount));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"N={n} d=128 pairs={pairs} (best of runs; wall / process CPU time):"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  naive double loop   {naive.Wall * 1000,9:0.0} ms  {pairs / naive.Wall:0.00e0} pairs/s wall, {pairs / naive.Cpu:0.00e0} pairs/s per CPU-second"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  kernel, 1 thread    {kernel.Wall * 1000,9:0.00} ms  {pairs / kernel.Wall:0.00e0} pairs/s wall, {pairs / kernel.Cpu:0.00e0} pairs/s per CPU-second"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  kernel + histogram  {hist.Wall * 1000,9:0.00} ms  {pairs / hist.Wall:0.00e0} pairs/s wall, {pairs / hist.Cpu:0.00e0} pairs/s per CPU-second"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  kernel, {Environment.ProcessorCount} threads   {par.Wall * 1000,9:0.00} ms  {pairs / par.Wall:0.00e0} pairs/s wall"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  speed ratio kernel(1 thread) / naive: {naive.Wall / kernel.Wall:0.0}x wall, {naive.Cpu / kernel.Cpu:0.0}x CPU"));
        }
        ok &= FaceModels(output);
        return ok ? 0 : 1;
    }

    /// <summary>
    /// The streaming multi-core kernel against the fair naive loop (same work, no allocation per pair): pairs per second
    /// per core (per CPU-second, so other processes on a busy machine do not inflate it) and the multi-core speed-up.
    /// </summary>
    private static bool Streaming(TextWriter output)
    {
        var ci = CultureInfo.InvariantCulture;
        const float Threshold = 0.5f;
        var small = EmbeddingMatrix.FromRows(BenchData.Vectors(5000, seed: 2));
        var smallPairs = 5000L * 4999 / 2;
        var naiveCount = NaiveSimilarity.CountPairsAtLeast(small, Threshold);
        var kernelCount = StreamingPairScan.Run(small, Threshold, 1, static _ => { });
        var ok = naiveCount == kernelCount;
        if (!ok) output.WriteLine($"streaming kernel found {kernelCount} pairs, naive loop {naiveCount}");
        var naive = Best(3, () => NaiveSimilarity.CountPairsAtLeast(small, Threshold));
        var one = Best(5, () => StreamingPairScan.Run(small, Threshold, 1, static _ => { }));
        const int N = 12000;
        var big = EmbeddingMatrix.FromRows(BenchData.Vectors(N, seed: 3));
        var bigPairs = (long)N * (N - 1) / 2;
        var cores = Environment.ProcessorCount;
        var serial = Best(3, () => StreamingPairScan.Run(big, Threshold, 1, static _ => { }));
        var parallel = Best(3, () => StreamingPairScan.Run(big, Threshold, cores, static _ => { }));
        output.WriteLine(string.Create(ci, $"streaming kernel, d=128, threshold {Threshold}, best of runs (wall / process CPU time):"));
        output.WriteLine(string.Create(ci,
            $"  N=5000  naive flat loop, 1 thread  {naive.Wall * 1000,8:0.0} ms  {smallPairs / naive.Cpu:0.00e0} pairs/s/core"));
        output.WriteLine(string.Create(ci,
            $"  N=5000  kernel, 1 thread           {one.Wall * 1000,8:0.0} ms  {smallPairs / one.Cpu:0.00e0} pairs/s/core  ratio {naive.Cpu / one.Cpu:0.0}x CPU, {naive.Wall / one.Wall:0.0}x wall"));
        output.WriteLine(string.Create(ci,
            $"  N={N} kernel, 1 thread           {serial.Wall * 1000,8:0.0} ms  {bigPairs / serial.Cpu:0.00e0} pairs/s/core  {bigPairs / serial.Wall:0.00e0} pairs/s wall"));
        output.WriteLine(string.Create(ci,
            $"  N={N} kernel, {cores} threads          {parallel.Wall * 1000,8:0.0} ms  {bigPairs / parallel.Cpu:0.00e0} pairs/s/core  {bigPairs / parallel.Wall:0.00e0} pairs/s wall"));
        output.WriteLine(string.Create(ci,
            $"  multi-core speed-up ({cores} threads / 1): {serial.Wall / parallel.Wall:0.00}x wall ({Environment.ProcessorCount} logical cores, shared with other processes)"));
        return ok;
    }

    /// <summary>Detector and recogniser variants on a real face, best process CPU time of many runs (OpenCV limited to one thread like ONNX Runtime).</summary>
    private static bool FaceModels(TextWriter output)
    {
        using var data = FaceBenchData.TryLoad(out var reason);
        if (data is null)
        {
            output.WriteLine($"face models: skipped ({reason})");
            return true;
        }
        var options = new FaceModelOptions();
        var detectorPath = Path.Combine(data.ModelsDirectory, options.DetectorFile);
        var recognizerPath = Path.Combine(data.ModelsDirectory, options.RecognizerFile);
        OpenCvSharp.Cv2.SetNumThreads(1);
        using var openCv = new OpenCvFaceDetector(detectorPath);
        using var onnx = new OnnxFaceDetector(detectorPath);
        using var plain = new OnnxFaceEmbedder(recognizerPath, new FaceModelOptions { RewritePRelu = false });
        using var rewritten = new OnnxFaceEmbedder(recognizerPath, options);
        const int Runs = 30;
        var same = openCv.Detect(data.Frame).Count == onnx.Detect(data.Frame).Count;
        var a = Best(Runs, () => openCv.Detect(data.Frame));
        var b = Best(Runs, () => onnx.Detect(data.Frame));
        var c = Best(Runs, () => plain.Embed([data.Crop]));
        var d = Best(Runs, () => rewritten.Embed([data.Crop]));
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine("face models, one thread, 640x360 frame / one 112x112 face (best of runs, process CPU time):");
        output.WriteLine(string.Create(ci, $"  YuNet, OpenCV FaceDetectorYN     {a.Cpu * 1000,7:0.0} ms"));
        output.WriteLine(string.Create(ci, $"  YuNet, ONNX Runtime + C# decode  {b.Cpu * 1000,7:0.0} ms   speed ratio {a.Cpu / b.Cpu:0.0}x"));
        output.WriteLine(string.Create(ci, $"  MobileFaceNet as shipped         {c.Cpu * 1000,7:0.0} ms"));
        output.WriteLine(string.Create(ci, $"  MobileFaceNet, PRelu rewritten   {d.Cpu * 1000,7:0.0} ms   speed ratio {c.Cpu / d.Cpu:0.0}x"));
        if (!same) output.WriteLine("  the two detectors found different faces");
        return same;
    }

    /// <summary>Best wall time and best process CPU time (the CPU figure is not inflated by other processes on a busy machine).</summary>
    private static (double Wall, double Cpu) Best(int repetitions, Func<object> action)
    {
        // Let tiered JIT reach its optimised code first (it promotes a method after about 30 calls, compiling in the
        // background): without this the first size measured ran at tier 0 and showed a third of the kernel's speed.
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 40 && (i < 3 || warm.Elapsed.TotalSeconds < 2); i++) GC.KeepAlive(action());
        Thread.Sleep(200);
        double wall = double.MaxValue, cpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < repetitions; r++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            GC.KeepAlive(action());
            var elapsed = sw.Elapsed.TotalSeconds;
            process.Refresh();
            wall = Math.Min(wall, elapsed);
            cpu = Math.Min(cpu, Math.Max(1e-6, (process.TotalProcessorTime - cpu0).TotalSeconds));
        }
        return (wall, cpu);
    }
}
