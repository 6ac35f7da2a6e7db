using AdsRecommender.Testing;

namespace AdsRecommender.Hosting.Tests;

/// <summary>One Azurite for every test class in this assembly marked <c>[Collection(AzuriteFixtureCollection.Name)]</c>.</summary>
[CollectionDefinition(AzuriteFixtureCollection.Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>;
