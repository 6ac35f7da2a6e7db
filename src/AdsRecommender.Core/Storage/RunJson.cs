using System.Text.Json;

namespace AdsRecommender.Core.Storage;

/// <summary>The JSON artefacts of a run (faces.json, run_summary.json, row shards, packed and shard indexes): one set of settings, read and written over any <see cref="IRunStore"/>.</summary>
public static class RunJson
{
    /// <summary>The settings of every JSON artefact: a file written with them reads back with them, in every store.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteJsonAsync<T>(this IRunStore store, string runId, string area, string name, T value, CancellationToken ct = default) =>
        store.WriteAsync(runId, area, name, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, Options), writable: false), ct);

    /// <summary>The artefact read as <typeparamref name="T"/>, or null when it does not exist; <see cref="JsonException"/> when it is damaged.</summary>
    public static async Task<T?> TryReadJsonAsync<T>(this IRunStore store, string runId, string area, string name, CancellationToken ct = default) where T : class =>
        await store.TryReadBytesAsync(runId, area, name, ct) is { } bytes ? JsonSerializer.Deserialize<T>(bytes, Options) : null;
}
