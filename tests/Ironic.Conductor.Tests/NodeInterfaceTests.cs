using Ironic.Conductor.Loading;
using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Tests;

/// <summary>Interface fields through the conductor: defaults on create, driver changes and state checks on update.</summary>
public sealed class NodeInterfaceTests(ConductorFixture fx) : IClassFixture<ConductorFixture>, IAsyncLifetime
{
    private readonly ConductorHarness conductor = new(fx, "conductor-interfaces", withTestPlugins: false);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await conductor.DisposeAsync();

    private Task<Node> CreateAsync(string driver, Action<Node>? configure = null)
    {
        var node = new Node { Uuid = ConductorFixture.NewUuid(), Driver = driver, ProvisionState = ProvisionState.Enroll };
        configure?.Invoke(node);
        return conductor.Manager.CreateNodeAsync(node, CancellationToken.None);
    }

    private static Dictionary<string, string?> Interfaces(Node node) =>
        InterfaceKind.All.ToDictionary(k => k, k => NodeInterfaces.Get(node, k));

    [Fact]
    public async Task CreateNode_FakeHardware_StoresAllTwelveInterfaceDefaults()
    {
        var created = await CreateAsync("fake-hardware");

        var stored = Interfaces(await fx.GetNodeAsync(created.Uuid));
        Assert.Equal(12, stored.Count);
        Assert.All(stored.Where(p => p.Key != InterfaceKind.Network), p => Assert.Equal("fake", p.Value));
        Assert.Equal("flat", stored[InterfaceKind.Network]);
    }

    [Fact]
    public async Task CreateNode_ManualManagement_StoresItsOwnDefaults()
    {
        var created = await CreateAsync("manual-management");

        var stored = await fx.GetNodeAsync(created.Uuid);
        Assert.Equal(ManualManagementDefaults, Interfaces(stored));
    }

    [Fact]
    public async Task CreateNode_WithExplicitInterface_KeepsIt()
    {
        var created = await CreateAsync("fake-hardware", n => n.ManagementInterface = "noop");

        Assert.Equal("noop", (await fx.GetNodeAsync(created.Uuid)).ManagementInterface);
    }

    [Fact]
    public async Task CreateNode_WithUnsupportedInterface_ThrowsIncompatibleInterfaceAndStoresNothing()
    {
        var node = new Node { Uuid = ConductorFixture.NewUuid(), Driver = "manual-management", VendorInterface = "fake" };

        var e = await Assert.ThrowsAsync<IncompatibleInterface>(() => conductor.Manager.CreateNodeAsync(node, CancellationToken.None));

        Assert.Equal(400, e.Code);
        Assert.Null(await fx.Store.Nodes.GetAsync("uuid", node.Uuid));
    }

    [Fact]
    public async Task UpdateNode_NewDriverWithResetInterfaces_ResetsEveryInterfaceNotInTheChange()
    {
        var created = await CreateAsync("fake-hardware");
        var request = await fx.GetNodeAsync(created.Uuid);
        request.Driver = "manual-management";
        request.ManagementInterface = "fake";

        await conductor.Manager.UpdateNodeAsync(request, ["driver", "management_interface"], resetInterfaces: true, CancellationToken.None);

        var stored = await fx.GetNodeAsync(created.Uuid);
        Assert.Equal("manual-management", stored.Driver);
        var expected = new Dictionary<string, string?>(ManualManagementDefaults) { [InterfaceKind.Management] = "fake" };
        Assert.Equal(expected, Interfaces(stored));
        Assert.Null(stored.Reservation);
    }

    [Fact]
    public async Task UpdateNode_NewDriverWithoutReset_RefusesKeptInterfacesTheNewDriverDoesNotSupport()
    {
        var created = await CreateAsync("fake-hardware");
        var request = await fx.GetNodeAsync(created.Uuid);
        request.Driver = "manual-management";

        var e = await Assert.ThrowsAsync<IncompatibleInterface>(
            () => conductor.Manager.UpdateNodeAsync(request, ["driver"], resetInterfaces: false, CancellationToken.None));

        Assert.Equal("bios interface implementation 'fake' is not supported by hardware type ManualManagementHardware.", e.Message);
        var stored = await fx.GetNodeAsync(created.Uuid);
        Assert.Equal("fake-hardware", stored.Driver);
        Assert.Equal("fake", stored.BiosInterface);
        Assert.Null(stored.Reservation);
    }

    [Fact]
    public async Task UpdateNode_NewDriverWithoutReset_KeepsInterfacesTheNewDriverSupports()
    {
        var created = await CreateAsync("fake-hardware", n =>
        {
            foreach (var (kind, name) in ManualManagementDefaults)
            {
                NodeInterfaces.Set(n, kind, name);
            }

            n.ManagementInterface = "fake";
        });
        var request = await fx.GetNodeAsync(created.Uuid);
        request.Driver = "manual-management";

        await conductor.Manager.UpdateNodeAsync(request, ["driver"], resetInterfaces: false, CancellationToken.None);

        var stored = await fx.GetNodeAsync(created.Uuid);
        Assert.Equal("manual-management", stored.Driver);
        Assert.Equal("fake", stored.ManagementInterface);
    }

    [Fact]
    public async Task UpdateNode_InterfaceWhileActive_ThrowsConflictAndChangesNothing()
    {
        var created = await CreateAsync("fake-hardware");
        await SetProvisionStateAsync(created.Uuid, ProvisionState.Active, maintenance: false);
        var request = await fx.GetNodeAsync(created.Uuid);
        request.ManagementInterface = "noop";

        var e = await Assert.ThrowsAsync<Conflict>(
            () => conductor.Manager.UpdateNodeAsync(request, ["management_interface"], resetInterfaces: false, CancellationToken.None));

        Assert.Equal(409, e.Code);
        Assert.Equal($"Node {created.Uuid} can not have management_interface updated unless it is in one of allowed " +
            "(enroll, inspecting, inspect wait, manageable, available) states or in maintenance mode.", e.Message);
        var stored = await fx.GetNodeAsync(created.Uuid);
        Assert.Equal("fake", stored.ManagementInterface);
        Assert.Null(stored.Reservation);
    }

    [Fact]
    public async Task UpdateNode_InterfaceWhileActiveInMaintenance_IsAllowed()
    {
        var created = await CreateAsync("fake-hardware");
        await SetProvisionStateAsync(created.Uuid, ProvisionState.Active, maintenance: true);
        var request = await fx.GetNodeAsync(created.Uuid);
        request.ManagementInterface = "noop";

        await conductor.Manager.UpdateNodeAsync(request, ["management_interface"], resetInterfaces: false, CancellationToken.None);

        Assert.Equal("noop", (await fx.GetNodeAsync(created.Uuid)).ManagementInterface);
    }

    [Theory]
    [InlineData(ProvisionState.Manageable)]
    [InlineData(ProvisionState.Available)]
    [InlineData(ProvisionState.InspectWait)]
    public async Task UpdateNode_InterfaceInAnAllowedState_IsAllowed(string state)
    {
        var created = await CreateAsync("fake-hardware");
        await SetProvisionStateAsync(created.Uuid, state, maintenance: false);
        var request = await fx.GetNodeAsync(created.Uuid);
        request.NetworkInterface = "noop";

        await conductor.Manager.UpdateNodeAsync(request, ["network_interface"], resetInterfaces: false, CancellationToken.None);

        Assert.Equal("noop", (await fx.GetNodeAsync(created.Uuid)).NetworkInterface);
    }

    [Fact]
    public async Task UpdateNode_UnknownInterfaceName_ThrowsInterfaceNotFoundAndChangesNothing()
    {
        var created = await CreateAsync("fake-hardware");
        var request = await fx.GetNodeAsync(created.Uuid);
        request.PowerInterface = "ipmitool";

        var e = await Assert.ThrowsAsync<InterfaceNotFoundInEntrypoint>(
            () => conductor.Manager.UpdateNodeAsync(request, ["power_interface"], resetInterfaces: false, CancellationToken.None));

        Assert.Equal("Could not find the following interface in the 'ironic.hardware.interfaces.power' entrypoint: ipmitool. " +
            "Valid interfaces are ['fake'].", e.Message);
        var stored = await fx.GetNodeAsync(created.Uuid);
        Assert.Equal("fake", stored.PowerInterface);
        Assert.Null(stored.Reservation);
    }

    [Fact]
    public async Task UpdateNode_ClearingAnInterface_RestoresItsDefault()
    {
        var created = await CreateAsync("fake-hardware", n => n.NetworkInterface = "noop");
        var request = await fx.GetNodeAsync(created.Uuid);
        request.NetworkInterface = null;

        var updated = await conductor.Manager.UpdateNodeAsync(request, ["network_interface"], resetInterfaces: false, CancellationToken.None);

        Assert.Equal("flat", updated.NetworkInterface);
        Assert.Equal("flat", (await fx.GetNodeAsync(created.Uuid)).NetworkInterface);
    }

    private static readonly Dictionary<string, string?> ManualManagementDefaults = new()
    {
        [InterfaceKind.Bios] = "no-bios",
        [InterfaceKind.Boot] = "fake",
        [InterfaceKind.Console] = "no-console",
        [InterfaceKind.Deploy] = "fake",
        [InterfaceKind.Inspect] = "no-inspect",
        [InterfaceKind.Management] = "noop",
        [InterfaceKind.Network] = "flat",
        [InterfaceKind.Power] = "fake",
        [InterfaceKind.Raid] = "no-raid",
        [InterfaceKind.Rescue] = "no-rescue",
        [InterfaceKind.Storage] = "noop",
        [InterfaceKind.Vendor] = "no-vendor",
    };

    private async Task SetProvisionStateAsync(string uuid, string state, bool maintenance)
    {
        var node = await fx.GetNodeAsync(uuid);
        node.ProvisionState = state;
        node.Maintenance = maintenance;
        await fx.Store.Nodes.UpdateAsync(node, ["provision_state", "maintenance"]);
    }
}
