using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Redfish.Tests;

public sealed class RedfishInspectTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly RedfishTestDriver driver = new();

    [Fact]
    public async Task Inspect_RecordsPropertiesAsIronicDoes_AndCreatesAPortPerNic()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system);

        var state = await driver.Inspect.InspectHardwareAsync(task, default);

        Assert.Equal(ProvisionState.Manageable, state);
        var p = task.Node.Properties;
        Assert.Equal(32, p["cpus"]!.GetValue<int>());
        Assert.Equal("x86_64", p["cpu_arch"]!.ToString());
        Assert.Equal("32768", p["memory_mb"]!.ToString());
        // Smallest disk of at least 4 GiB: the 480 GB SimpleStorage device (447.1 GiB), minus one.
        Assert.Equal("446", p["local_gb"]!.ToString());
        Assert.Equal("boot_mode:uefi", p["capabilities"]!.ToString());
        Assert.True(task.Saves > 0);
        Assert.Equal(system.Nics.Select(n => n.Mac), task.PortList.Select(port => port.Address));
    }

    [Fact]
    public async Task Inspect_SkipsDisabledOrUnhealthyNics_AndMacsThatAlreadyHavePorts()
    {
        var system = fixture.NextSystem();
        system.Nics.Add(new Testing.Redfish.SimulatedNic("NIC3", "52:54:00:cc:00:03") { State = "Disabled" });
        system.Nics.Add(new Testing.Redfish.SimulatedNic("NIC4", "52:54:00:CC:00:04") { Health = "Critical" });
        system.Nics.Add(new Testing.Redfish.SimulatedNic("NIC5", "52:54:00:CC:00:05"));
        var task = driver.Task(fixture.Emulator, system);
        task.PortList.Add(new Port { Address = system.Nics[0].Mac.ToUpperInvariant() });

        await driver.Inspect.InspectHardwareAsync(task, default);

        Assert.Equal([system.Nics[0].Mac.ToUpperInvariant(), system.Nics[1].Mac, "52:54:00:cc:00:05"], task.PortList.Select(port => port.Address));
    }

    [Fact]
    public async Task Inspect_KeepsABootModeCapabilityTheOperatorSet()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system);
        task.Node.Properties["capabilities"] = "boot_mode:bios,secure_boot:false";

        await driver.Inspect.InspectHardwareAsync(task, default);

        Assert.Equal("boot_mode:bios,secure_boot:false", task.Node.Properties["capabilities"]!.ToString());
    }

    [Fact]
    public async Task Inspect_PrefersStorageVolumesOverDrives_AndTheSmallerOfBothStorageKinds()
    {
        var system = fixture.NextSystem();
        system.SimpleStorageDisks.Clear();
        system.StorageVolumes.Add(100L * 1024 * 1024 * 1024);
        var task = driver.Task(fixture.Emulator, system);

        await driver.Inspect.InspectHardwareAsync(task, default);

        Assert.Equal("99", task.Node.Properties["local_gb"]!.ToString());
    }

    [Fact]
    public async Task Inspect_OfADisklessNode_RecordsZeroLocalGb()
    {
        var system = fixture.NextSystem();
        system.SimpleStorageDisks.Clear();
        system.StorageDrives.Clear();
        var task = driver.Task(fixture.Emulator, system);

        await driver.Inspect.InspectHardwareAsync(task, default);

        Assert.Equal("0", task.Node.Properties["local_gb"]!.ToString());
    }

    [Fact]
    public async Task Inspect_WithoutAnArchitecture_FailsNamingWhatIsMissing_AndSavesNothing()
    {
        var system = fixture.NextSystem();
        system.ProcessorArchitecture = null;
        var task = driver.Task(fixture.Emulator, system);
        task.Node.Properties = new JsonObject { ["vendor"] = "x" };

        var error = await Assert.ThrowsAsync<IronicException>(() => driver.Inspect.InspectHardwareAsync(task, default));

        Assert.Equal($"Failed to inspect hardware. Reason: Failed to discover the following properties: cpu_arch on node {task.Node.Uuid}", error.Message);
        Assert.Equal(0, task.Saves);
        Assert.Empty(task.PortList);
        Assert.Equal("""{"vendor":"x"}""", task.Node.Properties.ToJsonString());
    }
}
