namespace AdsRecommender.Core.Storage;

/// <summary>Writes a file so readers see either the old or the complete new content: temp file beside it, then rename.</summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        var dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        // Temp names start with a dot so listings skip them.
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken) =>
        WriteAsync(path, new MemoryStream(bytes, writable: false), cancellationToken);
}
