using System.Net;

namespace AdsRecommender.Azure.Tests;

/// <summary>Answers the first <c>failures</c> requests with 503 Server Busy (as Storage does when throttling), then passes through to Azurite.</summary>
internal sealed class FlakyHandler(int failures) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _seen;

    public int Requests => _seen;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _seen);
        if (n <= failures)
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            {
                ReasonPhrase = "Server Busy",
                RequestMessage = request,
                Content = new StringContent(""),
            });
        return base.SendAsync(request, cancellationToken);
    }
}
