using System.Diagnostics;
using System.Text;

namespace AdsRecommender.Testing;

/// <summary>What a child process wrote and how it ended.</summary>
public sealed record ChildResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs a program (no shell) to its end or a deadline: at the deadline the whole process tree is killed and the
/// <see cref="TimeoutException"/> carries the command and everything it wrote so far.
/// </summary>
public static class ChildProcess
{
    public static async Task<ChildResult> RunAsync(
        string program, IEnumerable<string> args, TimeSpan limit,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        var command = $"{program} {string.Join(' ', psi.ArgumentList)}";
        if (command.Length > 300) command = command[..300] + "...";

        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} could not be started (is it installed?): {e.Message}", e);
        }
        process.StandardInput.Close(); // a child that reads standard input sees its end instead of waiting for it
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"{command}: not done within {limit.TotalSeconds:0} s (deadline of the test), killed.\n" +
                $"stdout: {Text(output)}\nstderr: {Text(error)}");
        }
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false); // the redirected output is complete only after this
        return new ChildResult(process.ExitCode, Text(output), Text(error));
    }

    /// <summary>As <see cref="RunAsync"/>, and throws with both outputs unless the exit code is 0.</summary>
    public static async Task<ChildResult> RunCheckedAsync(
        string program, IEnumerable<string> args, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken ct = default)
    {
        var list = args.ToList();
        var result = await RunAsync(program, list, limit, environment, ct: ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', list.Take(4))} failed ({result.ExitCode}):\n{result.Output}\n{result.Error}");
        return result;
    }

    private static string Text(StringBuilder sb)
    {
        lock (sb) return sb.ToString();
    }
}
