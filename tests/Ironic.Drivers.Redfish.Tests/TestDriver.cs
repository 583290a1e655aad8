using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;
using Ironic.Testing.Redfish;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>The redfish hardware type with its own power, management, bios and inspect interfaces, composed by hand as the conductor would.</summary>
internal sealed class TestDriver : IDriver
{
    // Quick retries: a refused connection is tried again at once, a power change waits at most 5 s.
    private static readonly (string, string)[] Defaults =
    [
        ("redfish.connection_attempts", "3"),
        ("redfish.connection_retry_interval", "0.01"),
        ("conductor.power_state_change_timeout", "5"),
    ];

    /// <param name="options">Options as <c>("section.option", value)</c>, over the quick-retry defaults.</param>
    public TestDriver(params (string Option, string Value)[] options)
    {
        Services = new TestDriverServices([.. Defaults, .. options]);
        Power = new RedfishPower(Services);
        Management = new RedfishManagement(Services);
        Bios = new RedfishBios(Services);
        Inspect = new RedfishInspect(Services);
    }

    public TestDriverServices Services { get; }

    public string Name => "redfish";

    public HardwareType HardwareType { get; } = new RedfishHardware();

    public BiosInterface Bios { get; }
    public BootInterface Boot => throw new NotSupportedException();
    public ConsoleInterface Console => throw new NotSupportedException();
    public DeployInterface Deploy => throw new NotSupportedException();
    public InspectInterface Inspect { get; }
    public ManagementInterface Management { get; }
    public NetworkInterface Network => throw new NotSupportedException();
    public PowerInterface Power { get; }
    public RaidInterface Raid => throw new NotSupportedException();
    public RescueInterface Rescue => throw new NotSupportedException();
    public StorageInterface Storage => throw new NotSupportedException();
    public VendorInterface Vendor => throw new NotSupportedException();

    public BaseInterface Get(string kind) => kind switch
    {
        InterfaceKind.Power => Power,
        InterfaceKind.Management => Management,
        InterfaceKind.Bios => Bios,
        InterfaceKind.Inspect => Inspect,
        _ => throw new NotSupportedException(kind),
    };

    /// <summary>A task for a node whose driver_info points at <paramref name="system"/> of <paramref name="emulator"/>.</summary>
    public TestTaskContext Task(RedfishEmulator emulator, SimulatedSystem? system, string auth = "auto", string? password = null, bool shared = false)
    {
        var info = new JsonObject
        {
            ["redfish_address"] = emulator.BaseUrl,
            ["redfish_username"] = emulator.Username,
            ["redfish_password"] = password ?? emulator.Password,
            ["redfish_auth_type"] = auth,
        };
        if (system is not null)
        {
            info["redfish_system_id"] = system.Path;
        }

        return new(this, new Node { Uuid = Guid.NewGuid().ToString(), Driver = "redfish", DriverInfo = info }, shared);
    }
}
