using System.Diagnostics;

namespace AdsRecommender.Testing;

/// <summary>Runs code in the real NumPy's interpreter (Debian python3-numpy, /usr/bin/python3).</summary>
public static class Python3
{
    /// <summary>Standard output of <c>python3 -c <paramref name="code"/></c>; throws with its standard error when it fails.</summary>
    public static string Run(string code)
    {
        // Debian's python3-numpy is for /usr/bin/python3, the interpreter scripts/setup.sh checks (not whatever python3 is on PATH).
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(code);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"python failed: {stderr}");
        return stdout.Result;
    }
}
