namespace AdsRecommender.Testing;

/// <summary>
/// The xunit collection of test classes that start the CLI, load the face models or run the pipeline: they run one at a
/// time, after the parallel classes, so they do not compete for a shared 2-core machine's CPU and memory with each other.
/// Test projects declare <c>[CollectionDefinition(SerialCollection.Name, DisableParallelization = true)]</c> in their own
/// assembly (xunit finds collection definitions per assembly) and mark the classes <c>[Collection(SerialCollection.Name)]</c>.
/// </summary>
public static class SerialCollection
{
    public const string Name = "Serial";
}
