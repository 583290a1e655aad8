using System.Text.Json.Nodes;

namespace Ironic.Common.Rpc;

/// <summary>The optional arguments of a provision state change (<c>PUT /v1/nodes/{node}/states/provision</c>).</summary>
public sealed record ProvisionArguments
{
    public JsonArray? CleanSteps { get; init; }
    public JsonArray? DeploySteps { get; init; }
    public JsonNode? ConfigDrive { get; init; }
    public string? RescuePassword { get; init; }
    public bool? DisableRamdisk { get; init; }
}
