using System.Net;
using System.Security.Claims;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AdsRecommender.Azure.Tests.Functions;

/// <summary>An <see cref="HttpRequestData"/> over a byte array (the worker gives no public implementation).</summary>
internal sealed class TestHttpRequest(string method, Uri url, byte[] body, string? contentType = null) : HttpRequestData(new TestFunctionContext())
{
    public override Stream Body { get; } = new MemoryStream(body, writable: false);
    public override HttpHeadersCollection Headers { get; } = contentType is null ? new() : new([new KeyValuePair<string, string>("Content-Type", contentType)]);
    public override IReadOnlyCollection<IHttpCookie> Cookies => [];
    public override Uri Url => url;
    public override IEnumerable<ClaimsIdentity> Identities => [];
    public override string Method => method;
    public override HttpResponseData CreateResponse() => new TestHttpResponse(FunctionContext);
}

internal sealed class TestHttpResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }
    public override HttpHeadersCollection Headers { get; set; } = new();
    public override Stream Body { get; set; } = new MemoryStream();
    public override HttpCookies Cookies => throw new NotSupportedException();

    public string Text() => System.Text.Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());

    public string Header(string name) => Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";
}
