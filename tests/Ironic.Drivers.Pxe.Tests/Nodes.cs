using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Pxe.Tests;

/// <summary>Nodes and ports as the tests need them.</summary>
internal static class Nodes
{
    public const string Uuid = "1be26c0b-03f2-4d2e-ae87-c02d7f33c123";

    public const string Mac = "52:54:00:AB:CD:01";

    public const string Mac2 = "52:54:00:ab:cd:02";

    public static Node Node(string deployInterface = "ramdisk", string? bootMode = null, string provisionState = ProvisionState.Deploying) => new()
    {
        Uuid = Uuid,
        Driver = "test-hardware",
        DeployInterface = deployInterface,
        ProvisionState = provisionState,
        DriverInfo = new JsonObject
        {
            ["deploy_kernel"] = "http://images.example/ipa.kernel",
            ["deploy_ramdisk"] = "http://images.example/ipa.initramfs",
        },
        InstanceInfo = new JsonObject
        {
            ["kernel"] = "http://images.example/vmlinuz",
            ["ramdisk"] = "http://images.example/initrd.img",
        },
        Properties = bootMode is null ? [] : new JsonObject { ["capabilities"] = $"boot_mode:{bootMode}" },
    };

    public static Port Port(string mac = Mac) => new() { Uuid = Guid.NewGuid().ToString(), Address = mac, NodeUuid = Uuid };

    /// <summary>A task for a pxe-booted node with one port, driven by a fresh boot interface.</summary>
    public static TestTaskContext PxeTask(TestDriverServices services, Node? node = null, params Port[] ports)
    {
        var deploy = new RamdiskDeploy(services);
        return new TestTaskContext(RecordingDriver.Create(new PxeBoot(services), deploy), node ?? Node(), ports: ports.Length == 0 ? [Port()] : ports);
    }

    public static TestTaskContext IpxeTask(TestDriverServices services, Node? node = null, params Port[] ports)
    {
        var deploy = new RamdiskDeploy(services);
        return new TestTaskContext(RecordingDriver.Create(new IpxeBoot(services), deploy), node ?? Node(), ports: ports.Length == 0 ? [Port()] : ports);
    }

    public static readonly IReadOnlyDictionary<string, string> NoParams = new Dictionary<string, string>();
}
