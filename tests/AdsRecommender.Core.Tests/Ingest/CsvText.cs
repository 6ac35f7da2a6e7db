using System.Text;
using AdsRecommender.Core.Ingest;

namespace AdsRecommender.Core.Tests.Ingest;

internal static class CsvText
{
    public static Task<AdReadResult> ReadAsync(string text) => ReadAsync(Encoding.UTF8.GetBytes(text));

    public static async Task<AdReadResult> ReadAsync(byte[] bytes)
    {
        await using var s = new MemoryStream(bytes);
        return await CsvAdReader.ReadAsync(s);
    }
}
