namespace AdsRecommender.Core.Storage;

/// <summary>Guards names that become file or blob paths: no separators, no dot segments, no control characters.</summary>
public static class SafeName
{
    public static string Check(string name, string what = "name")
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 200)
            throw new ArgumentException($"Invalid {what} '{name}': must be 1 to 200 characters.", nameof(name));
        if (name is "." or ".." || name.StartsWith('.'))
            throw new ArgumentException($"Invalid {what} '{name}': must not start with a dot.", nameof(name));
        foreach (var c in name)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c is '(' or ')' or '_' or '-' or '.' or '+';
            if (!ok)
                throw new ArgumentException($"Invalid {what} '{name}': character '{c}' is not allowed.", nameof(name));
        }
        return name;
    }
}
