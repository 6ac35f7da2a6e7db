using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests;

/// <summary>Classes that load the face models or encode and analyse clips run in this collection, one at a time.</summary>
[CollectionDefinition(SerialCollection.Name, DisableParallelization = true)]
public sealed class SerialTests;
