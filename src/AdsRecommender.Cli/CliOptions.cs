using System.CommandLine;
using AdsRecommender.Core.Pipeline;

namespace AdsRecommender.Cli;

/// <summary>
/// The options more than one command takes, declared once (name, value name, meaning). Numeric defaults come from
/// <see cref="RunOptions"/>' own, as the Functions app takes them, so help and behaviour cannot drift from the record.
/// </summary>
public static class CliOptions
{
    public static Option<string> Text(string name, string valueName, string description) =>
        new("--" + name) { HelpName = valueName, Description = description };

    public static Option<bool> Flag(string name, string description) => new("--" + name) { Description = description };

    /// <summary>A whole number: a value that is not one is a parse error naming the option; the command checks its range.</summary>
    public static Option<int> Count(string name, string valueName, string description, int? @default = null)
    {
        var option = new Option<int>("--" + name) { HelpName = valueName, Description = description };
        if (@default is { } d) option.DefaultValueFactory = _ => d;
        return option;
    }

    public static Option<string> Models() => Text("models", "dir",
        "the face models' folder (AdsRecommender__ModelsDirectory; default: models/ beside the program, then ../shared/models)");

    public static Option<bool> Verbose() => Flag("verbose", "log what the run does to stderr");

    public static Option<string> Storage(string description) => Text("storage", "connection string", description);

    public static Option<string> DurableStorage() => Text(DurableFlags.StorageFlag, "connection string",
        "orchestration state in Durable Task Azure Storage (Azurite: UseDevelopmentStorage=true) instead of memory");

    public static Option<bool> KeepHistory() => Flag(RunCommand.KeepHistoryFlag,
        "with --durable-storage: keep the run's task hub (by default deleted once the run completes)");

    public static Option<string> LeaseExpiry() => Text(DurableFlags.LeaseFlag, "seconds",
        "(15-60) how soon the other processes of a shared hub take over the partitions and unfinished work of one that died; " +
        "default: the back end's (30 s partition leases, 5 min per message)");

    public static Option<string> Threshold() => Text("threshold", "x|auto|default",
        "the cosine similarity at which two faces are one person: a number in [-1, 1], auto (from this run's similarities) or default");

    public static Option<string> MultiFace() => Text("multi-face", "on|off",
        $"group by every person in a video, not only its main face (default: {OnOff(new RunOptions().MultiFace)})");

    public static Option<bool> AllowPrivateNetwork() => Flag("allow-private-network",
        "download from private and loopback addresses too (refused by default)");

    public static Option<int> BatchSize() => Count("batch-size", "n", "videos per batch (one durable sub-orchestration each)", new RunOptions().BatchSize);

    public static Option<int> BatchesInFlight() => Count("batches-in-flight", "n", "batches run at once", new RunOptions().MaxBatchesInFlight);

    public static Option<int> Attempts() => Count("attempts", "n", "attempts per video before it is recorded as failed", new RunOptions().MaxAttempts);

    private static string OnOff(bool value) => value ? "on" : "off";
}
