using System.Diagnostics;
using System.Text;

namespace AdsRecommender.Testing;

/// <summary>
/// The built <c>adsrec</c> as a child process (<c>dotnet adsrec.dll</c> from the test assembly's folder), output redirected
/// (so: plain lines, no progress bar); shared by the test projects that reference the CLI. The <c>Bench</c> variants run the
/// benchmark program <c>adsrec-bench</c> the same way.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private const string Cli = "adsrec", Bench = "adsrec-bench";

    private CliProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null,
        string program = Cli)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program + ".dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["AdsRecommender__ModelsDirectory"] = SharedData.Models;
        psi.Environment["AdsRecommender__MaxParallelAnalyses"] = "1";
        psi.Environment[Core.SharedFolder.Variable] = SharedData.Dir; // the demo and bench read their sample from it
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        _process.OutputDataReceived += (_, e) => { lock (_out) _out.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_err) _err.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output { get { lock (_out) return _out.ToString(); } }
    public string Error { get { lock (_err) return _err.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int Id => _process.Id;

    public static CliProcess Start(params string[] args) => new(args);

    /// <summary>Starts in <paramref name="workingDirectory"/> (the test process's own by default).</summary>
    public static CliProcess StartIn(string workingDirectory, params string[] args) => new(args, workingDirectory: workingDirectory);

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary><c>adsrec-bench</c> (bench/AdsRecommender.RunBench) started in <paramref name="workingDirectory"/>.</summary>
    public static CliProcess StartBenchIn(string workingDirectory, params string[] args) =>
        new(args, workingDirectory: workingDirectory, program: Bench);

    /// <summary>Runs <c>adsrec-bench</c> (bench/AdsRecommender.RunBench) to its end.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunBenchAsync(params string[] args)
    {
        using var p = new CliProcess(args, program: Bench);
        var code = await p.WaitAsync(TimeSpan.FromMinutes(4));
        return (code, p.Output, p.Error);
    }

    /// <summary>Runs with extra environment variables (configuration such as <c>AdsRecommender__Faces__...</c>).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var p = new CliProcess(args, environment);
        var code = await p.WaitAsync(TimeSpan.FromMinutes(4));
        return (code, p.Output, p.Error);
    }

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

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"adsrec did not finish within {timeout}:\n{Output}\n{Error}");
        }
        _process.WaitForExit(); // flush redirected output
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as <c>kill</c>, <c>docker stop</c> or systemd do.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("could not start kill");
        kill.WaitForExit();
    }

    /// <summary>SIGKILL to the process tree: no handler runs, nothing is released.</summary>
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
