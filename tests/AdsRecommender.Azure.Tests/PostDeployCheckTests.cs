using System.Diagnostics;
using System.Text;
using AdsRecommender.Testing;

namespace AdsRecommender.Azure.Tests;

/// <summary>
/// infra/hooks/postdeploy.sh against a stub of the deployed app on 127.0.0.1: /api/health answering 401 without the key
/// and 200 / 503 with it, or 200 to anyone. The deployment must pass only when the app is healthy and the key demanded.
/// </summary>
public sealed class PostDeployCheckTests
{
    private const string Key = "test-host-key";

    [Fact]
    public async Task A_healthy_app_that_demands_a_key_passes()
    {
        var (code, output) = await RunAsync(withKey: 200);
        Assert.True(code == 0, output);
        Assert.Contains("is healthy: /api/health answered 200 with the host key and 401 without one", output);
        Assert.DoesNotContain(Key, output); // the key is never printed
    }

    [Fact]
    public async Task A_broken_app_answering_503_fails_and_prints_the_failing_check()
    {
        var (code, output) = await RunAsync(withKey: 503);
        Assert.True(code == 1, output);
        Assert.Contains("/api/health answered 503 with the host key", output);
        Assert.Contains("ffmpeg program (FFmpeg) could not be started", output); // the health body's reason
        Assert.Contains("is not healthy after 2 attempts", output);
        Assert.DoesNotContain(Key, output);
    }

    [Fact]
    public async Task An_endpoint_open_without_a_key_fails()
    {
        var (code, output) = await RunAsync(withKey: 200, withoutKey: 200);
        Assert.True(code == 1, output);
        Assert.Contains("answered 200 without a key: the endpoint is open", output);
    }

    [Fact]
    public async Task A_key_the_azure_cli_cannot_fetch_fails_with_its_error()
    {
        // a stand-in az that fails as a signed-out Azure CLI does (no Azure here)
        var bin = Directory.CreateTempSubdirectory("adsrec-fake-az-").FullName;
        var az = Path.Combine(bin, "az");
        await File.WriteAllTextAsync(az, "#!/bin/sh\necho \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (code, output) = await RunAsync(withKey: 200, key: null, path: bin + ":/usr/bin:/bin");

        Assert.True(code == 1, output);
        Assert.Contains("cannot fetch the host key of ca-test: ERROR: Please run 'az login'", output);
        Directory.Delete(bin, recursive: true);
    }

    /// <summary>Runs the hook with <c>sh</c> (as azd does) against a stub answering <paramref name="withKey"/> to the key.</summary>
    private static async Task<(int Code, string Output)> RunAsync(int withKey, int withoutKey = 401, string? key = Key, string path = "/usr/bin:/bin")
    {
        await using var server = new TestHttpServer();
        server.Route("/api/health", (request, stream, ct) =>
        {
            var keyed = request.Headers.Any(h => h.Key.Equals("x-functions-key", StringComparison.OrdinalIgnoreCase) && h.Value == Key);
            var status = keyed ? withKey : withoutKey;
            var body = status == 503
                ? """{"healthy":false,"reason":"the ffmpeg program (FFmpeg) could not be started: install the packages of deploy/native-packages for this release"}"""
                : status == 200 ? """{"healthy":true}""" : "";
            return HttpResponses.WriteAsync(stream, status, "application/json", Encoding.UTF8.GetBytes(body), ct: ct);
        });
        var psi = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(SharedData.RepoRoot, "infra", "hooks", "postdeploy.sh"));
        psi.Environment["AZURE_FUNCTION_APP_URL"] = server.BaseUri.ToString().TrimEnd('/');
        psi.Environment["AZURE_FUNCTION_APP_NAME"] = "ca-test";
        psi.Environment["AZURE_RESOURCE_GROUP"] = "rg-test";
        psi.Environment["ADSREC_POSTDEPLOY_ATTEMPTS"] = "2";
        psi.Environment["ADSREC_POSTDEPLOY_INTERVAL"] = "0";
        psi.Environment["PATH"] = path;
        if (key is not null) psi.Environment["ADSREC_FUNCTION_KEY"] = key;
        else psi.Environment.Remove("ADSREC_FUNCTION_KEY");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }
        return (p.ExitCode, await stdout + await stderr);
    }
}
