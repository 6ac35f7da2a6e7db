using System.Security.Cryptography;
using System.Text;
using AdsRecommender.Core.Storage;

namespace AdsRecommender.Core.Workflows;

/// <summary>
/// The one run-id scheme, whichever host starts the run (CLI, watcher, blob trigger, HTTP): the CSV's stem (made safe)
/// plus the start of the content's SHA-256. The same CSV gets the same id, so a rerun resumes it and a second drop
/// starts nothing; an edited CSV under the same name gets a new one. The id is also the orchestration instance id, the
/// prefix of the run's artefacts and the ledger partition key.
/// </summary>
public static class RunIds
{
    private const int HashChars = 12;
    private const int MaxStemChars = 40;

    public static string For(string csvName, string sha256Hex)
    {
        SafeName.Check(csvName, "input name");
        if (sha256Hex.Length < HashChars || !sha256Hex.All(char.IsAsciiHexDigit))
            throw new ArgumentException("Expected a hex SHA-256.", nameof(sha256Hex));
        var stem = Path.GetFileNameWithoutExtension(csvName).ToLowerInvariant();
        var safe = new StringBuilder(stem.Length);
        foreach (var c in stem) safe.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        var prefix = safe.ToString().Trim('-');
        if (prefix.Length > MaxStemChars) prefix = prefix[..MaxStemChars];
        if (prefix.Length == 0) prefix = "run";
        return SafeName.Check($"{prefix}-{sha256Hex[..HashChars].ToLowerInvariant()}", "run id");
    }

    public static async Task<string> Sha256HexAsync(Stream content, CancellationToken cancellationToken = default) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));

    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
