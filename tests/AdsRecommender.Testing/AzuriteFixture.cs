using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AdsRecommender.Testing;

/// <summary>
/// Starts Azurite (blob, queue, table) on 127.0.0.1 and a temporary data folder, and kills it on dispose. Azurite is given
/// port 0 (the operating system chooses while Azurite binds, so no other process can take the port in between) and the
/// ports are read back from its "successfully listening at" lines.
/// The executable is <c>tools/azurite/node_modules/.bin/azurite</c> in the repository (installed by
/// <c>npm ci --prefix tools/azurite</c>) or the path in <c>ADSREC_AZURITE</c>. Share one instance per collection
/// (<see cref="AzuriteFixtureCollection"/>): tests isolate themselves with unique run ids and names.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    /// <summary>The well-known, public Azurite development account key (not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // Node loads Azurite's 457 packages cold on a first start; on a saturated 2-core machine that took over 60 s once (CI, session 7).
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    /// <summary>sh script: run "$0" "$@" (Azurite) and kill it once the parent (this test process) has exited.</summary>
    private const string Watchdog =
        "\"$0\" \"$@\" & child=$!; trap 'kill $child 2>/dev/null' TERM INT; " +
        "while kill -0 $PPID 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; " +
        "kill $child 2>/dev/null; wait $child";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public AzuriteFixture()
    {
        Executable = Locate();
        DataDirectory = Directory.CreateTempSubdirectory("adsrec-azurite-").FullName;

        // Started under a small sh watchdog that ends Azurite when this process goes away without disposing the
        // fixture (a crashed or killed test host), so no Azurite outlives the tests.
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Watchdog);
        psi.ArgumentList.Add(Executable);
        foreach (var arg in new[]
                 {
                     "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", "0", "--queuePort", "0", "--tablePort", "0",
                     "--location", DataDirectory,
                 })
            psi.ArgumentList.Add(arg);

        _process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            (BlobPort, QueuePort, TablePort) = WaitForPorts();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Executable { get; }
    public string DataDirectory { get; }
    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string BlobEndpoint => $"http://127.0.0.1:{BlobPort}/{AccountName}";
    public string QueueEndpoint => $"http://127.0.0.1:{QueuePort}/{AccountName}";
    public string TableEndpoint => $"http://127.0.0.1:{TablePort}/{AccountName}";

    /// <summary>An explicit connection string for this instance (the ports are not the defaults of <c>UseDevelopmentStorage=true</c>).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>What Azurite printed (for failure messages).</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("ADSREC_AZURITE");
        if (!string.IsNullOrEmpty(env))
            return File.Exists(env) ? env : throw new FileNotFoundException($"ADSREC_AZURITE points at '{env}', which does not exist.");
        var path = Path.Combine(SharedData.RepoRoot, "tools", "azurite", "node_modules", ".bin", "azurite");
        if (File.Exists(path)) return path;
        throw new FileNotFoundException(
            $"Azurite not found at {path}. Install it with `npm ci --prefix tools/azurite` (or scripts/setup.sh --with-azurite), " +
            "or set ADSREC_AZURITE to an azurite executable.", path);
    }

    private (int Blob, int Queue, int Table) WaitForPorts()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            var ports = new[] { "Blob", "Queue", "Table" }.Select(ListeningPort).ToArray();
            if (ports.All(p => p > 0)) return (ports[0], ports[1], ports[2]);
            if (_process.HasExited)
                throw new InvalidOperationException($"Azurite ({Executable}) exited with code {_process.ExitCode} before listening:\n{Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Azurite did not listen on 127.0.0.1 within {StartTimeout.TotalSeconds}s:\n{Output}");
            Thread.Sleep(100);
        }
    }

    /// <summary>The port from "Azurite Blob service is successfully listening at http://127.0.0.1:46109", or 0 before it.</summary>
    private int ListeningPort(string service)
    {
        var m = Regex.Match(Output, $@"Azurite {service} service is successfully listening at http://127\.0\.0\.1:(\d+)");
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
