using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Common.Rpc;

/// <summary>
/// What the API asks of the conductor: every change that needs a node lock or a driver goes through
/// here, never straight to the database. In-process in <c>ironic all</c>; shaped for a wire transport
/// (plain data in, plain data out) so API and conductor can later run as separate processes.
/// </summary>
public interface IConductorApi
{
    /// <summary>Creates a node after the conductor checks its driver is enabled.</summary>
    Task<Node> CreateNodeAsync(Node node, CancellationToken ct);

    /// <summary>
    /// Saves <paramref name="changedFields"/> of <paramref name="node"/> under the node's exclusive lock;
    /// with <paramref name="resetInterfaces"/> and a new driver, interfaces not set in the change return to defaults.
    /// </summary>
    Task<Node> UpdateNodeAsync(Node node, IReadOnlyCollection<string> changedFields, bool resetInterfaces, CancellationToken ct);

    /// <summary>Deletes a node and its ports and portgroups under the node's exclusive lock.</summary>
    Task DestroyNodeAsync(string nodeUuid, CancellationToken ct);

    /// <summary>Creates a port under its node's shared lock.</summary>
    Task<Port> CreatePortAsync(Port port, CancellationToken ct);

    /// <summary>Saves <paramref name="changedFields"/> of a port under its node's exclusive lock.</summary>
    Task<Port> UpdatePortAsync(Port port, IReadOnlyCollection<string> changedFields, CancellationToken ct);

    /// <summary>Deletes a port under its node's exclusive lock.</summary>
    Task DestroyPortAsync(string portUuid, CancellationToken ct);

    /// <summary>Creates a portgroup under its node's shared lock.</summary>
    Task<Portgroup> CreatePortgroupAsync(Portgroup portgroup, CancellationToken ct);

    /// <summary>Saves <paramref name="changedFields"/> of a portgroup under its node's exclusive lock.</summary>
    Task<Portgroup> UpdatePortgroupAsync(Portgroup portgroup, IReadOnlyCollection<string> changedFields, CancellationToken ct);

    /// <summary>Deletes an empty portgroup under its node's exclusive lock.</summary>
    Task DestroyPortgroupAsync(string portgroupUuid, CancellationToken ct);

    /// <summary>Validates every interface of the node's driver; keyed by interface kind.</summary>
    Task<IReadOnlyDictionary<string, InterfaceValidation>> ValidateDriverInterfacesAsync(string nodeUuid, CancellationToken ct);

    /// <summary>
    /// Starts a power state change (power on, power off, rebooting, soft power off, soft rebooting) on a
    /// worker, holding the node's lock until it ends; <c>target_power_state</c> shows it meanwhile.
    /// </summary>
    Task ChangeNodePowerStateAsync(string nodeUuid, string target, int? timeoutSeconds, CancellationToken ct);

    /// <summary>Starts changing the node's boot mode (<c>uefi</c>, <c>bios</c>) on a worker; the node's <c>boot_mode</c> shows the result.</summary>
    Task ChangeNodeBootModeAsync(string nodeUuid, string mode, CancellationToken ct);

    /// <summary>Starts turning UEFI secure boot on or off on a worker; the node's <c>secure_boot</c> shows the result.</summary>
    Task ChangeNodeSecureBootAsync(string nodeUuid, bool enabled, CancellationToken ct);

    Task<BootDeviceInfo> GetBootDeviceAsync(string nodeUuid, CancellationToken ct);

    Task SetBootDeviceAsync(string nodeUuid, string device, bool persistent, CancellationToken ct);

    Task<IReadOnlyList<string>> GetSupportedBootDevicesAsync(string nodeUuid, CancellationToken ct);

    Task InjectNmiAsync(string nodeUuid, CancellationToken ct);

    /// <summary>Reads the node's sensors through its management interface.</summary>
    Task<System.Text.Json.Nodes.JsonObject> GetSensorsDataAsync(string nodeUuid, CancellationToken ct);

    /// <summary>Starts enabling or disabling the node's console on a worker.</summary>
    Task SetConsoleModeAsync(string nodeUuid, bool enabled, CancellationToken ct);

    /// <summary>How to connect to the node's console (which must be enabled).</summary>
    Task<System.Text.Json.Nodes.JsonObject> GetConsoleInformationAsync(string nodeUuid, CancellationToken ct);

    /// <summary>The driver_info properties of every enabled interface the hardware type supports.</summary>
    Task<IReadOnlyDictionary<string, string>> GetDriverPropertiesAsync(string driverName, CancellationToken ct);

    /// <summary>
    /// Calls a node vendor method: under the node's exclusive lock unless the method asks for a shared
    /// one; an asynchronous method keeps the lock while it runs on a worker.
    /// </summary>
    Task<VendorResult> VendorPassthruAsync(string nodeUuid, string method, string httpMethod, System.Text.Json.Nodes.JsonObject args, CancellationToken ct);

    /// <summary>Calls a driver vendor method on the hardware type's default vendor interface; no lock.</summary>
    Task<VendorResult> DriverVendorPassthruAsync(string driverName, string method, string httpMethod, System.Text.Json.Nodes.JsonObject args, CancellationToken ct);

    Task<IReadOnlyDictionary<string, VendorMethodInfo>> GetNodeVendorPassthruMethodsAsync(string nodeUuid, CancellationToken ct);

    Task<IReadOnlyDictionary<string, VendorMethodInfo>> GetDriverVendorPassthruMethodsAsync(string driverName, CancellationToken ct);

    /// <summary>
    /// Starts a provision state change (the API verbs: manage, provide, clean, active/deploy, deleted/undeploy,
    /// rebuild, inspect, abort, adopt, rescue, unrescue). The work runs on a worker under the node's lock.
    /// </summary>
    Task DoProvisioningActionAsync(string nodeUuid, string verb, ProvisionArguments args, CancellationToken ct);

    /// <summary>Resumes cleaning of a node in <c>clean wait</c> after its asynchronous step finished.</summary>
    Task ContinueNodeCleanAsync(string nodeUuid, CancellationToken ct);

    /// <summary>Resumes deployment of a node in <c>wait call-back</c> after its asynchronous step finished.</summary>
    Task ContinueNodeDeployAsync(string nodeUuid, CancellationToken ct);

    /// <summary>
    /// The node for an agent's lookup, with a newly issued agent token in driver_internal_info
    /// (<c>agent_secret_token</c>), the one time it is ever handed out; when a token was issued before, the
    /// node carries <c>******</c> instead, which no heartbeat matches (Ironic's <c>get_node_with_token</c>).
    /// </summary>
    Task<Node> GetNodeWithTokenAsync(string nodeUuid, CancellationToken ct);

    /// <summary>
    /// Checks an agent's heartbeat (token, TLS) and hands it to the node's deploy interface on a worker,
    /// which polls the agent and moves the node on (Ironic's <c>heartbeat</c>).
    /// </summary>
    Task HeartbeatAsync(string nodeUuid, AgentHeartbeat heartbeat, CancellationToken ct);

    /// <summary>
    /// Hands the ramdisk's inspection data to the node's inspect interface (Ironic's <c>continue_inspection</c>):
    /// the node must be in <c>inspect wait</c> (else <see cref="NotFound"/>); it moves to <c>inspecting</c> and the
    /// data is processed on a worker, ending in <c>manageable</c> (the inventory stored) or <c>inspect failed</c>.
    /// </summary>
    Task ContinueInspectionAsync(string nodeUuid, System.Text.Json.Nodes.JsonObject inventory, System.Text.Json.Nodes.JsonObject pluginData, CancellationToken ct);

    /// <summary>The logical disk properties of the hardware type's default RAID interface.</summary>
    Task<IReadOnlyDictionary<string, string>> GetRaidLogicalDiskPropertiesAsync(string driverName, CancellationToken ct);
}
