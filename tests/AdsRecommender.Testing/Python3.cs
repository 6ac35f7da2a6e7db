namespace AdsRecommender.Testing;

/// <summary>Runs code in the real NumPy's interpreter (Debian python3-numpy, /usr/bin/python3).</summary>
public static class Python3
{
    /// <summary>Standard output of <c>python3 -c <paramref name="code"/></c>; throws with its standard error when it fails or passes its deadline.</summary>
    public static string Run(string code) =>
        // Debian's python3-numpy is for /usr/bin/python3, the interpreter scripts/setup.sh checks (not whatever python3 is on PATH).
        Task.Run(() => ChildProcess.RunCheckedAsync("/usr/bin/python3", ["-c", code], Deadline.Short)).GetAwaiter().GetResult().Output;
}
