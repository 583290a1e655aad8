using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;
using Ironic.Testing.Redfish;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>The redfish hardware type with its own power, management, bios and inspect interfaces, composed by hand as the conductor would.</summary>
internal sealed class RedfishTestDriver : TestDriver
{
    // Quick retries: a refused connection is tried again at once, a power change waits at most 5 s.
    private static readonly (string, string)[] Defaults =
    [
        ("redfish.connection_attempts", "3"),
        ("redfish.connection_retry_interval", "0.01"),
        ("conductor.power_state_change_timeout", "5"),
    ];

    /// <param name="options">Options as <c>("section.option", value)</c>, over the quick-retry defaults.</param>
    public RedfishTestDriver(params (string Option, string Value)[] options)
        : this(new TestDriverServices([.. Defaults, .. options]))
    {
    }

    private RedfishTestDriver(TestDriverServices services)
        : base("redfish", new RedfishHardware(), new RedfishPower(services), new RedfishManagement(services), new RedfishBios(services), new RedfishInspect(services))
    {
        Services = services;
    }

    /// <summary>What the interfaces were built with (their options, and the log lines they wrote).</summary>
    public TestDriverServices Services { get; }

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
