using System.Diagnostics;
using System.Text;
using AdsRecommender.Testing;

namespace AdsRecommender.Azure.Tests.Workers;

/// <summary>The built <c>adsrec</c> (<c>dotnet adsrec.dll ...</c>) as a separate process, its output read line by line.</summary>
public sealed class AdsrecProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    public AdsrecProcess(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "adsrec.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["AdsRecommender__ModelsDirectory"] = SharedData.Models;
        psi.Environment["AdsRecommender__MaxParallelAnalyses"] = "1";
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        _process.OutputDataReceived += (_, e) => { lock (_out) _out.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_err) _err.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output { get { lock (_out) return _out.ToString(); } }
    public string Error { get { lock (_err) return _err.ToString(); } }
    public bool HasExited => _process.HasExited;

    /// <summary>Polls the output until <paramref name="seen"/> holds, the process exits, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> seen, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!seen(Output))
        {
            if (_process.HasExited) throw new InvalidOperationException($"adsrec exited ({_process.ExitCode}) before {what}:\n{Output}\n{Error}");
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {what} within {timeout}:\n{Output}\n{Error}");
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new TimeoutException($"adsrec did not finish within {timeout}:\n{Output}\n{Error}");
        }
        _process.WaitForExit(); // flush redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no handler runs, nothing is released; only the leases' expiry frees what it held.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
