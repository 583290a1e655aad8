using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>Hardware types through <c>openstack baremetal driver</c>, and the interface checks of node create.</summary>
[Collection(Collections.Drivers)]
public sealed class DriverTests(IronicServerFixture fixture, ITestOutputHelper output)
{
    /// <summary>Ironic's interface kinds, each with a default_ and an enabled_ field in <c>driver show</c>.</summary>
    internal static readonly string[] InterfaceKinds =
        ["bios", "boot", "console", "deploy", "inspect", "management", "network", "power", "raid", "rescue", "storage", "vendor"];

    private readonly BaremetalCli cli = fixture.Cli(output);

    [Fact]
    public async Task DriverList_Show_PropertyList_DescribeTheBuiltInHardwareTypes()
    {
        var rows = await cli.RowsAsync("driver", "list");
        foreach (var name in (string[])["fake-hardware", "manual-management"])
        {
            var row = Assert.Single(rows, r => (string?)r["Supported driver(s)"] == name);
            Assert.Equal(IronicProcess.ConductorHost, (string?)row["Active host(s)"]);
        }

        var shown = await cli.ObjectAsync("driver", "show", "fake-hardware");
        Assert.Equal("fake-hardware", (string?)shown["name"]);
        Assert.Equal("dynamic", (string?)shown["type"]);
        Assert.Equal(IronicProcess.ConductorHost, (string?)shown["hosts"]);
        foreach (var kind in InterfaceKinds)
        {
            var defaultName = (string?)shown[$"default_{kind}_interface"];
            var enabled = ((string?)shown[$"enabled_{kind}_interfaces"])?.Split(", ");
            Assert.False(string.IsNullOrEmpty(defaultName), $"default_{kind}_interface missing in {shown.ToJsonString()}");
            Assert.NotNull(enabled);
            Assert.Contains(defaultName, enabled);
        }

        // fake-hardware prefers its fakes; noop management is enabled too (the default list).
        Assert.Equal("fake", (string?)shown["default_power_interface"]);
        Assert.Equal("fake", (string?)shown["default_management_interface"]);
        Assert.Contains("noop", ((string)shown["enabled_management_interfaces"]!).Split(", "));
        Assert.Equal("fake", (string?)shown["default_vendor_interface"]);

        // manual-management's vendor interface is no-vendor, so the fake vendor's B1/B2 are fake-hardware's only.
        var manual = await cli.RowsAsync("driver", "property", "list", "manual-management");
        Assert.All(manual, row => Assert.False(string.IsNullOrEmpty((string?)row["Property"]), row.ToJsonString()));
        Assert.DoesNotContain(manual, row => (string?)row["Property"] is "B1" or "B2");
        var fake = await cli.RowsAsync("driver", "property", "list", "fake-hardware");
        Assert.Contains(fake, row => (string?)row["Property"] == "B1" && (string?)row["Description"] == "B1 description. Required.");
        Assert.Contains(fake, row => (string?)row["Property"] == "B2" && (string?)row["Description"] == "B2 description. Required.");
    }

    [Fact]
    public async Task NodeCreate_InterfaceTheHardwareTypeDoesNotSupport_ExitsOneWith400()
    {
        var name = Unique.Name("acc-unsupported");
        var refused = await cli.FailAsync("node", "create", "--driver", "manual-management", "--vendor-interface", "fake", "--name", name);
        Assert.Contains("is not supported by hardware type", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("vendor", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("(HTTP 400)", refused.StdErr, StringComparison.Ordinal);

        // Nothing was created.
        using var api = new IronicApi(fixture.Server);
        var (status, _) = await api.SendAsync(HttpMethod.Get, $"v1/nodes/{name}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, status);
    }
}

/// <summary>Console of a fake-hardware node.</summary>
[Collection(Collections.Drivers)]
public sealed class NodeConsoleTests(IronicServerFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    private readonly BaremetalCli cli = fixture.Cli(output);

    [Fact]
    public async Task Console_EnableShowDisable()
    {
        var uuid = await cli.ValueAsync("uuid", "node", "create", "--driver", "fake-hardware", "--name", Unique.Name("acc-console"));

        await cli.OkAsync("node", "console", "enable", uuid);
        // Enabling is asynchronous in Ironic (202): poll until the conductor has done it.
        await cli.PollValueAsync("True", Settle, "console_enabled", "node", "console", "show", uuid);

        await cli.OkAsync("node", "console", "disable", uuid);
        var disabled = await cli.ObjectAsync("node", "console", "show", uuid);
        if ((bool?)disabled["console_enabled"] != false)
        {
            await cli.PollValueAsync("False", Settle, "console_enabled", "node", "console", "show", uuid);
        }
    }
}

/// <summary>Validate, power and boot device of a node whose interfaces were picked at create.</summary>
[Collection(Collections.NodeHardware)]
public sealed class NodeHardwareTests(IronicServerFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    private readonly BaremetalCli cli = fixture.Cli(output);

    [Fact]
    public async Task ExplicitInterfaces_Validate_Power_Reboot_BootDevice()
    {
        var created = await cli.ObjectAsync("node", "create", "--driver", "fake-hardware", "--name", Unique.Name("acc-hw"),
            "--power-interface", "fake", "--management-interface", "noop");
        var uuid = (string)created["uuid"]!;
        Assert.Equal("fake", (string?)created["power_interface"]);
        Assert.Equal("noop", (string?)created["management_interface"]);
        // The others are fake-hardware's defaults.
        Assert.Equal("fake", (string?)created["vendor_interface"]);
        Assert.Equal("fake", (string?)created["boot_interface"]);

        var validation = await cli.RowsAsync("node", "validate", uuid);
        Assert.Equal(DriverTests.InterfaceKinds, validation.Select(r => (string)r["Interface"]!).Order(StringComparer.Ordinal));
        Assert.All(validation, row => Assert.True((bool?)row["Result"] == true, row.ToJsonString()));

        // Power changes are asynchronous (202): the conductor records the new state a moment later.
        await cli.OkAsync("node", "power", "on", uuid);
        await cli.PollValueAsync("power on", Settle, "power_state", "node", "show", uuid);
        await cli.OkAsync("node", "power", "off", uuid);
        await cli.PollValueAsync("power off", Settle, "power_state", "node", "show", uuid);
        await cli.OkAsync("node", "reboot", uuid);
        await cli.PollValueAsync("power on", Settle, "power_state", "node", "show", uuid);

        await cli.OkAsync("node", "boot", "device", "set", uuid, "pxe", "--persistent");
        var device = await cli.ObjectAsync("node", "boot", "device", "show", uuid);
        Assert.Equal("pxe", (string?)device["boot_device"]);
        Assert.True((bool?)device["persistent"]);
    }
}
