using System.Globalization;
using System.Text;

namespace AdsRecommender.Testing;

/// <summary>Writers of raw HTTP/1.1 responses for <see cref="TestHttpServer"/> route handlers.</summary>
public static class HttpResponses
{
    /// <summary>The first 32 bytes of an MP4 file: a <c>ftyp</c> box (isom).</summary>
    public static readonly byte[] FakeMp4Header =
    [
        0x00, 0x00, 0x00, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m',
        0x00, 0x00, 0x02, 0x00, (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'i', (byte)'s', (byte)'o', (byte)'2',
        (byte)'a', (byte)'v', (byte)'c', (byte)'1', (byte)'m', (byte)'p', (byte)'4', (byte)'1',
    ];

    public static string ReasonPhrase(int status) => status switch
    {
        200 => "OK", 301 => "Moved Permanently", 302 => "Found", 303 => "See Other", 307 => "Temporary Redirect",
        308 => "Permanent Redirect", 400 => "Bad Request", 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found",
        408 => "Request Timeout", 410 => "Gone", 429 => "Too Many Requests", 500 => "Internal Server Error",
        502 => "Bad Gateway", 503 => "Service Unavailable", 504 => "Gateway Timeout", _ => "Status",
    };

    /// <summary>Writes the status line and headers. A null <paramref name="contentLength"/> means a close-delimited body.</summary>
    public static async Task WriteHeadAsync(Stream s, int status, string? contentType, long? contentLength,
        IEnumerable<(string Name, string Value)>? headers = null, CancellationToken ct = default)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrase(status)}\r\n");
        if (contentType is not null) sb.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        if (contentLength is not null) sb.Append(CultureInfo.InvariantCulture, $"Content-Length: {contentLength}\r\n");
        foreach (var (name, value) in headers ?? []) sb.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        sb.Append("Connection: close\r\n\r\n");
        await s.WriteAsync(Encoding.Latin1.GetBytes(sb.ToString()), ct);
        await s.FlushAsync(ct);
    }

    public static async Task WriteAsync(Stream s, int status, string? contentType, byte[] body,
        IEnumerable<(string Name, string Value)>? headers = null, CancellationToken ct = default)
    {
        await WriteHeadAsync(s, status, contentType, body.Length, headers, ct);
        await s.WriteAsync(body, ct);
        await s.FlushAsync(ct);
    }
}
