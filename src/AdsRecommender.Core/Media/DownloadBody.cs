using System.Buffers;
using System.Security.Cryptography;

namespace AdsRecommender.Core.Media;

/// <summary>
/// The body of a download's final answer, streamed to a temp file next to the destination: the size cap and the idle
/// timeout checked per read, the first bytes sniffed (a web page or an image fails before the rest is read), SHA-256
/// while streaming, and a move into place only when complete, so a failure leaves no file.
/// </summary>
internal sealed class DownloadBody(DownloadOptions options, DownloadFailures failures)
{
    private const int BufferSize = 81920;

    public async Task<DownloadResult> SaveAsync(HttpResponseMessage response, Uri url, string destination,
        CancellationTokenSource idle, CancellationToken totalToken)
    {
        var declared = response.Content.Headers.ContentLength;
        var temp = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.part");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var head = new byte[VideoSniffer.PrefixLength];
        var headLength = 0;
        string? format = null;
        long received = 0;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                try
                {
                    idle.CancelAfter(options.ReadIdleTimeout);
                    await using var body = await response.Content.ReadAsStreamAsync(idle.Token);
                    while (true)
                    {
                        idle.CancelAfter(options.ReadIdleTimeout);
                        var n = await body.ReadAsync(buffer.AsMemory(0, BufferSize), idle.Token);
                        if (n == 0) break;
                        received += n;
                        if (received > options.MaxBytes) throw failures.TooLarge();
                        if (format is null && headLength < head.Length)
                        {
                            var take = Math.Min(n, head.Length - headLength);
                            buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                            headLength += take;
                            if (headLength == head.Length) format = SniffOrThrow(head.AsSpan(0, headLength));
                        }
                        hash.AppendData(buffer, 0, n);
                        await file.WriteAsync(buffer.AsMemory(0, n), totalToken);
                    }
                }
                catch (Exception e) when (e is not VideoDownloadException)
                {
                    throw failures.Translate(e, url, idle, totalToken, received, declared);
                }
                format ??= SniffOrThrow(head.AsSpan(0, headLength));
                if (declared is { } d && d != received)
                    throw new VideoDownloadException($"incomplete: received {received} of {d} bytes");
                await file.FlushAsync(totalToken);
            }
            File.Move(temp, destination, overwrite: true);
            var contentType = response.Content.Headers.ContentType?.MediaType;
            return new DownloadResult(received, contentType, Convert.ToHexStringLower(hash.GetHashAndReset()))
            {
                Format = format,
                FinalUrl = url,
            };
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string SniffOrThrow(ReadOnlySpan<byte> head) =>
        VideoSniffer.Sniff(head, out var reason) ?? throw new VideoDownloadException(reason!);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
