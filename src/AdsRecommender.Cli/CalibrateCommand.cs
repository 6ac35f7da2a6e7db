using System.CommandLine;
using System.Globalization;
using AdsRecommender.Core;
using AdsRecommender.Core.Faces;
using AdsRecommender.Core.Faces.Calibration;

namespace AdsRecommender.Cli;

/// <summary>
/// <c>adsrec calibrate &lt;photo folder&gt;... [--split calibration|validation|test|all]</c>: the default-threshold procedure
/// (<see cref="ThresholdCalibration"/>) on labelled photos, one sub-folder per identity, with the configured recogniser
/// (so a user with another recogniser can redo it). Prints the same-person and different-person distributions and the
/// chosen threshold. <c>--split</c> keeps only the identities of one part of the seeded split (<see cref="IdentitySplit"/>),
/// taken over every identity of all the folders given.
/// </summary>
public static class CalibrateCommand
{
    public static Command Definition(CliContext cli)
    {
        var command = new Command("calibrate", "Choose the default threshold from labelled photos with the configured recogniser.")
        {
            new Argument<string[]>("photo folder") { Description = "one sub-folder of photos per identity", Arity = ArgumentArity.OneOrMore },
            CliOptions.Text("split", "calibration|validation|test|all", "keep only the identities of one part of the seeded split (default: all)"),
            CliOptions.Models(),
            CliOptions.Verbose(),
        };
        command.SetAction(parsed => Execute(new CommandLine(parsed), cli));
        return command;
    }

    public static int Execute(CommandLine line, CliContext cli)
    {
        var folders = line.Positionals.Select(Path.GetFullPath).ToList();
        foreach (var f in folders)
            if (!Directory.Exists(f)) throw new UsageException($"photo folder '{f}' does not exist");
        var identities = folders.SelectMany(Directory.GetDirectories).Select(Path.GetFileName).OfType<string>().ToList();
        if (identities.Count != identities.Distinct(StringComparer.Ordinal).Count())
            throw new UsageException("an identity folder name appears in more than one photo folder; identities must be unique");
        Func<string, bool> include = _ => true;
        var split = line.Value("split") ?? "all";
        if (split != "all")
        {
            if (!Enum.TryParse<SplitPart>(split, ignoreCase: true, out var part) || !Enum.IsDefined(part))
                throw new UsageException($"--split must be calibration, validation, test or all (got '{split}')");
            var assigned = IdentitySplit.Assign(identities);
            include = id => assigned[id] == part;
        }

        var models = ServiceCollectionExtensions.ResolveModels(CliContext.Options(CliContext.Configuration(line)));
        var factory = new FaceModelFactory(models);
        using var detector = factory.CreateDetector();
        using var embedder = factory.CreateEmbedder();
        var noFace = new List<string>();
        var photos = ThresholdCalibration.EmbedFolders(folders, new PhotoFaces(detector, embedder), include, noFace);
        ThresholdChoiceReport report;
        try
        {
            report = ThresholdCalibration.Calibrate(photos);
        }
        catch (InvalidOperationException e)
        {
            cli.Error.WriteLine($"adsrec: {e.Message}");
            return CliApp.NothingProcessed;
        }

        var ci = CultureInfo.InvariantCulture;
        var o = cli.Output;
        o.WriteLine(string.Create(ci, $"recogniser {models.RecognizerFile} ({models.EmbeddingSize}-d); split {split}: {report.Identities} identities, {report.Photos} photos with a face, {noFace.Count} without"));
        foreach (var f in noFace) o.WriteLine($"  no face: {f}");
        o.WriteLine("| pairs | count | min | p1 | p5 | median | p95 | p99 | max |");
        o.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, d) in new[] { ("same person", report.Same), ("different people", report.Different) })
            o.WriteLine(string.Create(ci, $"| {name} | {d.Count} | {d.Min:0.000} | {d.P1:0.000} | {d.P5:0.000} | {d.Median:0.000} | {d.P95:0.000} | {d.P99:0.000} | {d.Max:0.000} |"));
        o.WriteLine("histogram (cosine bin: same / different):");
        for (var lo = -1.0; lo < 1.0 - 1e-9; lo += 0.05)
        {
            var (a, b) = (lo, lo + 0.05);
            var same = report.SameValues.Count(v => v >= a && v < b);
            var diff = report.DifferentValues.Count(v => v >= a && v < b);
            if (same + diff > 0) o.WriteLine(string.Create(ci, $"  [{a:0.00}, {b:0.00}): {same} / {diff}"));
        }
        o.WriteLine($"rule: {report.Rule}");
        o.WriteLine(string.Create(ci, $"at {report.Threshold:0.00}: same-person pairs found {report.SameAtOrAbove}/{report.Same.Count}, different-person pairs at or above {report.DifferentAtOrAbove}/{report.Different.Count}"));
        o.WriteLine(string.Create(ci, $"threshold: {report.Threshold:0.00}"));
        return CliApp.Ok;
    }
}
