using System.Security.Cryptography;
using AdsRecommender.Samples;
using AdsRecommender.Testing;

namespace AdsRecommender.Functions.Tests.Cli;

public sealed class SampleDataTests
{
    [Fact]
    public async Task The_built_in_manifest_lists_every_sample_file_with_the_checksum_of_the_shared_copy()
    {
        var manifest = SampleData.Manifest(); // docs/sample_manifest.json as built into the library (no source tree needed)

        foreach (var file in SampleSet.Files)
        {
            var entry = Assert.Single(manifest.Files, e => e.File == file);
            var bytes = await File.ReadAllBytesAsync(Path.Combine(SharedData.Dir, "data", file));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), entry.Sha256);
            Assert.StartsWith("https://raw.githubusercontent.com/", entry.Url);
        }
    }

    [Fact]
    public async Task Downloads_are_checked_against_the_manifest_and_a_mismatch_is_refused()
    {
        await using var server = new TestHttpServer();
        var photo = SharedData.Photo("joe_biden", 3);
        var good = server.ServeFile("/biden.jpg", photo, "image/jpeg");
        var bad = server.ServeFile("/other.jpg", SharedData.Photo("joe_biden", 4), "image/jpeg");
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(photo)));
        var manifest = new SampleManifest([
            new SampleManifestEntry("photos/joe_biden/3.jpg", good.ToString(), sha, "test", "test"),
            new SampleManifestEntry("photos/joe_biden/4.jpg", bad.ToString(), sha, "test", "test"),
        ]);
        var cache = Path.Combine(Path.GetTempPath(), "adsrec-sample-" + Guid.NewGuid().ToString("N")[..8]);
        using var http = new HttpClient();
        try
        {
            await SampleData.DownloadAsync(manifest, ["photos/joe_biden/3.jpg"], cache, http, TextWriter.Null, default);
            Assert.Equal(await File.ReadAllBytesAsync(photo), await File.ReadAllBytesAsync(Path.Combine(cache, "photos/joe_biden/3.jpg")));
            await SampleData.DownloadAsync(manifest, ["photos/joe_biden/3.jpg"], cache, http, TextWriter.Null, default);
            Assert.Equal(1, server.RequestCount("/biden.jpg")); // a verified cached copy is not fetched again

            var ex = await Assert.ThrowsAsync<SampleDataUnavailableException>(() =>
                SampleData.DownloadAsync(manifest, ["photos/joe_biden/4.jpg"], cache, http, TextWriter.Null, default));
            Assert.Contains("does not match", ex.Message);
            Assert.False(File.Exists(Path.Combine(cache, "photos/joe_biden/4.jpg")));
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task An_unreachable_download_names_the_file_and_the_shared_folder_way_out()
    {
        // a port nothing listens on: the machine is offline as far as this download goes
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var manifest = new SampleManifest([
            new SampleManifestEntry("photos/joe_biden/3.jpg", $"http://127.0.0.1:{port}/biden.jpg", new string('0', 64), "test", "test"),
        ]);
        var cache = Path.Combine(Path.GetTempPath(), "adsrec-sample-" + Guid.NewGuid().ToString("N")[..8]);
        using var http = new HttpClient();
        try
        {
            var ex = await Assert.ThrowsAsync<SampleDataUnavailableException>(() =>
                SampleData.DownloadAsync(manifest, ["photos/joe_biden/3.jpg"], cache, http, TextWriter.Null, default));
            Assert.Contains("photos/joe_biden/3.jpg", ex.Message);
            Assert.Contains(AdsRecommender.Core.SharedFolder.Variable, ex.Message); // the setting that does without the download
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }
}
