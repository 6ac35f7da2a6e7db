namespace AdsRecommender.Testing;

/// <summary>xunit collection sharing one <see cref="AzuriteFixture"/>. Test projects using it declare
/// <c>[CollectionDefinition(AzuriteFixtureCollection.Name)] public sealed class AzuriteTests : ICollectionFixture&lt;AzuriteFixture&gt;;</c>
/// in their own assembly (xunit finds collection definitions per assembly), then mark classes <c>[Collection(AzuriteFixtureCollection.Name)]</c>.</summary>
public static class AzuriteFixtureCollection
{
    public const string Name = "Azurite";
}
