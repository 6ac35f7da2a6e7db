using System.Text.RegularExpressions;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Architecture;

/// <summary>
/// The Core namespaces depend on each other only downwards, in the order of the "Dependency direction" table of
/// docs/CONTRACTS.md: the table is read from the document, so it and the code cannot drift apart.
/// </summary>
public sealed partial class DependencyDirectionTests
{
    [Fact]
    public void NoNamespaceUsesAHigherOne()
    {
        var ranks = Ranks(File.ReadAllText(Path.Combine(SharedData.RepoRoot, "docs", "CONTRACTS.md")));
        var backEdges = BackEdges(Edges(CoreDirectory, ranks.Keys).ToList(), ranks);
        Assert.True(backEdges.Count == 0, "Back-edges against docs/CONTRACTS.md:\n" + string.Join('\n', backEdges));
    }

    [Fact]
    public void NamespacesOfEqualRankDoNotUseEachOther()
    {
        var ranks = Ranks(File.ReadAllText(Path.Combine(SharedData.RepoRoot, "docs", "CONTRACTS.md")));
        var cycles = EqualRankCycles(Edges(CoreDirectory, ranks.Keys).ToList(), ranks);
        Assert.True(cycles.Count == 0, "Namespaces of equal rank using each other (docs/CONTRACTS.md):\n" + string.Join('\n', cycles));
    }

    /// <summary>The checker itself on a planted pair: two namespaces of one rank that import each other are reported, with both files.</summary>
    [Fact]
    public void A_planted_equal_rank_cycle_is_reported_with_its_files()
    {
        var dir = Directory.CreateTempSubdirectory("adsrec-deps-").FullName;
        try
        {
            var ranks = new Dictionary<string, int> { ["Low"] = 0, ["Left"] = 1, ["Right"] = 1 };
            File.WriteAllText(Path.Combine(dir, "Left.cs"), "using AdsRecommender.Core.Right;\nusing AdsRecommender.Core.Low;\nnamespace AdsRecommender.Core.Left;\n");
            File.WriteAllText(Path.Combine(dir, "Right.cs"), "namespace AdsRecommender.Core.Right;\npublic sealed class R { Left.Thing? t; }\n");
            var cycles = EqualRankCycles(Edges(dir, ranks.Keys).ToList(), ranks);
            var cycle = Assert.Single(cycles);
            Assert.Contains("Left.cs", cycle, StringComparison.Ordinal);
            Assert.Contains("Right.cs", cycle, StringComparison.Ordinal);

            // one way only is allowed (the rule is about cycles); the downward edge to Low is never one
            File.WriteAllText(Path.Combine(dir, "Right.cs"), "namespace AdsRecommender.Core.Right;\n");
            Assert.Empty(EqualRankCycles(Edges(dir, ranks.Keys).ToList(), ranks));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void EveryCoreNamespaceIsInTheTable()
    {
        var ranks = Ranks(File.ReadAllText(Path.Combine(SharedData.RepoRoot, "docs", "CONTRACTS.md")));
        var missing = SourceFiles(CoreDirectory).Select(f => NamespaceOf(File.ReadAllText(f))).OfType<string>()
            .Where(n => !ranks.ContainsKey(n)).Distinct().ToList();
        Assert.True(missing.Count == 0, "Core namespaces missing from the table in docs/CONTRACTS.md: " + string.Join(", ", missing));
    }

    private static string CoreDirectory => Path.Combine(SharedData.RepoRoot, "src", "AdsRecommender.Core");

    /// <summary>Edges from a namespace to one of a higher rank, each with its file.</summary>
    internal static List<string> BackEdges(IReadOnlyList<(string File, string From, string To)> edges, IReadOnlyDictionary<string, int> ranks) =>
        edges.Where(e => ranks.ContainsKey(e.From) && ranks[e.To] > ranks[e.From])
            .Select(e => $"{e.File}: {e.From} (rank {ranks[e.From]}) uses {e.To} (rank {ranks[e.To]})")
            .ToList();

    /// <summary>
    /// Pairs of namespaces of the same rank that use each other, with the files on both sides: a cycle the rank order
    /// cannot see (one way between equal ranks is allowed).
    /// </summary>
    internal static List<string> EqualRankCycles(IReadOnlyList<(string File, string From, string To)> edges, IReadOnlyDictionary<string, int> ranks)
    {
        var equal = edges.Where(e => ranks.TryGetValue(e.From, out var r) && r == ranks[e.To]).ToList();
        string Files(string from, string to) => string.Join(", ", equal.Where(e => e.From == from && e.To == to).Select(e => e.File).Order(StringComparer.Ordinal));
        return equal.Select(e => (A: e.From, B: e.To))
            .Where(p => string.CompareOrdinal(p.A, p.B) < 0 && equal.Any(e => e.From == p.B && e.To == p.A))
            .Distinct()
            .Select(p => $"{p.A} and {p.B} (rank {ranks[p.A]}) use each other: {p.A} -> {p.B} in {Files(p.A, p.B)}; {p.B} -> {p.A} in {Files(p.B, p.A)}")
            .ToList();
    }

    /// <summary>Rank by namespace from the table rows <c>| 3 | Models | ... |</c> under "## Dependency direction".</summary>
    internal static Dictionary<string, int> Ranks(string contracts)
    {
        var start = contracts.IndexOf("## Dependency direction", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/CONTRACTS.md has no '## Dependency direction' section");
        var end = contracts.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? contracts[start..] : contracts[start..end];
        var ranks = TableRow().Matches(section).ToDictionary(m => m.Groups["ns"].Value, m => int.Parse(m.Groups["rank"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(ranks.Count >= 10, $"the dependency table in docs/CONTRACTS.md has only {ranks.Count} rows");
        return ranks;
    }

    /// <summary>Every (file, namespace, used namespace) from using lines and qualified names such as <c>Health.EnvironmentFailure</c>.</summary>
    internal static IEnumerable<(string File, string From, string To)> Edges(string coreDirectory, IEnumerable<string> known)
    {
        var names = known.ToHashSet(StringComparer.Ordinal);
        foreach (var file in SourceFiles(coreDirectory))
        {
            var text = File.ReadAllText(file);
            if (NamespaceOf(text) is not { } from) continue;
            var code = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            var used = UsingLine().Matches(code).Select(m => m.Groups["ns"].Value)
                .Concat(QualifiedName().Matches(code).Select(m => m.Groups["ns"].Value).Where(names.Contains));
            foreach (var to in used.Distinct())
                if (to != from && names.Contains(to)) yield return (Path.GetRelativePath(coreDirectory, file), from, to);
        }
    }

    private static IEnumerable<string> SourceFiles(string core) =>
        Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string? NamespaceOf(string text) => FileNamespace().Match(text) is { Success: true } m ? m.Groups["ns"].Value : null;

    [GeneratedRegex(@"^\|\s*(?<rank>\d+)\s*\|\s*(?<ns>\w+)\s*\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^namespace AdsRecommender\.Core\.(?<ns>\w+)", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^using (static )?AdsRecommender\.Core\.(?<ns>\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    // A namespace-qualified type (Health.EnvironmentFailure), not a member access (options.Faces.X).
    [GeneratedRegex(@"(?<![\w.])(?<ns>[A-Z]\w+)\.[A-Z]\w*")]
    private static partial Regex QualifiedName();
}
