namespace AdsRecommender.Core.Storage;

/// <summary>Whole-artefact reads over any <see cref="IRunStore"/>; an optional artefact is read in one request, without a separate existence check.</summary>
public static class RunStoreReads
{
    /// <summary>The artefact's bytes; <see cref="FileNotFoundException"/> when it does not exist.</summary>
    public static async Task<byte[]> ReadBytesAsync(this IRunStore store, string runId, string area, string name, CancellationToken ct = default)
    {
        await using var s = await store.OpenReadAsync(runId, area, name, ct);
        using var buffer = new MemoryStream();
        await s.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>The artefact's bytes, or null when it does not exist.</summary>
    public static async Task<byte[]?> TryReadBytesAsync(this IRunStore store, string runId, string area, string name, CancellationToken ct = default)
    {
        try
        {
            return await store.ReadBytesAsync(runId, area, name, ct);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
