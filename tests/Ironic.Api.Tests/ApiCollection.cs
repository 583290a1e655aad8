namespace Ironic.Api.Tests;

/// <summary>Tests that share one started server.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiServer>
{
    public const string Name = "api";
}
