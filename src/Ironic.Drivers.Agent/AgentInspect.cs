using System.Net;
using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Agent;

/// <summary>
/// Ironic's <c>agent</c> inspect interface, in-band inspection: the node boots the deploy agent, told to post its
/// inventory to <c>/v1/continue_inspection</c>, and waits in <c>inspect wait</c>; the data sets the node's
/// properties and ports (<see cref="InspectionHooks"/>), then the node is powered off. An Ironic.NET addition: when
/// the agent heartbeats in <c>inspect wait</c> and nothing was posted (an agent booted without the callback URL),
/// the inventory is asked of the agent itself (<c>poll.get_hardware_info</c>) and processed the same way.
/// </summary>
[HardwareInterface("agent")]
public sealed partial class AgentInspect : InspectInterface
{
    // driver_internal_info: the BMC addresses continue_inspection may find the node by (Ironic's LOOKUP_CACHE_FIELD).
    private const string BmcLookupCache = "lookup_bmc_addresses";

    private readonly AgentOptions agent;
    private readonly InspectOptions options;
    private readonly ILogger logger;

    public AgentInspect(IDriverServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        agent = AgentOptions.Read(services.Config);
        options = InspectOptions.Read(services.Config);
        logger = services.LoggerFactory.CreateLogger<AgentInspect>();
    }

    public override IReadOnlyDictionary<string, string> GetProperties() => new Dictionary<string, string>();

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct) => task.Driver.Boot.ValidateAsync(task, ct);

    /// <summary>Powers off, prepares the agent's boot with the callback URL, boots it; the node waits for the data.</summary>
    public override async Task<string?> InspectHardwareAsync(ITaskContext task, CancellationToken ct)
    {
        task.Node.DriverInternalInfo[BmcLookupCache] = new JsonArray([.. BmcAddresses(task.Node).Select(a => (JsonNode)a)]);
        await task.SaveNodeAsync(ct).ConfigureAwait(false);

        var parameters = new Dictionary<string, string>(options.ExtraKernelParams, StringComparer.Ordinal)
        {
            ["ipa-inspection-callback-url"] = $"{agent.ApiUrl}/v1/continue_inspection",
            ["ipa-api-url"] = agent.ApiUrl,
        };
        await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
        await task.Driver.Boot.PrepareRamdiskAsync(task, parameters, ct).ConfigureAwait(false);
        await task.NodePowerActionAsync(PowerState.Rebooting, ct).ConfigureAwait(false);
        LogStarted(logger, task.Node.Uuid);
        return ProvisionState.InspectWait;
    }

    /// <summary>Runs the <c>[inspector] hooks</c> (properties and ports), then undoes the inspection boot.</summary>
    public override async Task ContinueInspectionAsync(ITaskContext task, JsonObject inventory, JsonObject pluginData, CancellationToken ct)
    {
        var node = task.Node;
        try
        {
            var hooks = options.Hooks;
            if (hooks.Contains("ramdisk-error"))
            {
                InspectionHooks.CheckRamdiskError(pluginData);
            }

            var nics = hooks.Contains("validate-interfaces") ? InspectionHooks.ValidInterfaces(node.Uuid, inventory, pluginData, options.AddPorts) : [];
            node.Properties = InspectionHooks.Properties(node.Uuid, node.Properties, inventory, pluginData, hooks, options.DiskPartitioningSpacing);
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
            if (hooks.Contains("ports") && options.AddPorts != "disabled")
            {
                await AddPortsAsync(task, nics, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await TearDownAsync(task, ct).ConfigureAwait(false);
            throw new IronicException($"Failed to inspect hardware. Reason: failed to run inspection hooks: {e.Message}");
        }

        await TearDownAsync(task, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The fallback for an agent that cannot post (booted without <c>ipa-inspection-callback-url</c>): its inventory,
    /// asked of it at a heartbeat, with the plugin data the agent would have sent (its root disk choice, boot interface).
    /// </summary>
    public override async Task<JsonObject?> HeartbeatAsync(ITaskContext task, string callbackUrl, CancellationToken ct)
    {
        using var client = AgentClient.For(task, agent);
        var result = await client.ExecuteAsync("poll.get_hardware_info", [], wait: true, ct).ConfigureAwait(false);
        if (result["command_result"] is not JsonObject inventory)
        {
            throw new AgentCommandFailed(task.Node.Uuid, "poll.get_hardware_info", "the agent answered without an inventory");
        }

        LogPolled(logger, task.Node.Uuid);
        var data = new JsonObject { ["inventory"] = inventory.DeepClone() };
        if (InspectionHooks.GuessRootDisk((inventory["disks"] as JsonArray ?? []).OfType<JsonObject>()) is { } root)
        {
            data["root_disk"] = root.DeepClone();
        }

        data["boot_interface"] = inventory["boot"]?["pxe_interface"]?.DeepClone();
        return data;
    }

    private async Task AddPortsAsync(ITaskContext task, IReadOnlyList<InspectionHooks.Nic> nics, CancellationToken ct)
    {
        var known = task.Ports.Select(p => p.Address.ToLowerInvariant()).ToHashSet();
        foreach (var nic in nics.Where(n => !known.Contains(n.Mac)))
        {
            var extra = nic.ClientId is null ? new JsonObject() : new JsonObject { ["client-id"] = nic.ClientId };
            try
            {
                await task.CreatePortAsync(new Port { Address = nic.Mac, PxeEnabled = nic.PxeEnabled, Extra = extra }, ct).ConfigureAwait(false);
                LogPortCreated(logger, nic.Mac, task.Node.Uuid);
            }
            catch (MacAlreadyExists)
            {
                LogPortExists(logger, nic.Mac, task.Node.Uuid);
            }
        }
    }

    // The agent's boot is undone and the node powered off ([inspector] power_off); failures only log, as in Ironic.
    private async Task TearDownAsync(ITaskContext task, CancellationToken ct)
    {
        task.Node.DriverInternalInfo.Remove(BmcLookupCache);
        try
        {
            await task.Driver.Boot.CleanUpRamdiskAsync(task, ct).ConfigureAwait(false);
            if (options.PowerOff)
            {
                await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCleanUpFailed(logger, task.Node.Uuid, e.Message);
        }
    }

    // The hosts of driver_info's *_address fields (ipmi_address, redfish_address, ...), and their IP addresses.
    private static IEnumerable<string> BmcAddresses(Node node)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.DriverInfo)
        {
            if (!key.EndsWith("_address", StringComparison.Ordinal) || value?.ToString() is not { Length: > 0 } text)
            {
                continue;
            }

            var host = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : text;
            host = host.Trim('[', ']');
            result.Add(host);
            if (IPAddress.TryParse(host, out var ip))
            {
                result.Add(ip.ToString());
            }
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: in-band inspection started, waiting for the agent's data")]
    private static partial void LogStarted(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: the agent posted no inspection data; its inventory was asked of it at a heartbeat")]
    private static partial void LogPolled(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Port {Mac} created for node {Node} by inspection")]
    private static partial void LogPortCreated(ILogger logger, string mac, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Port {Mac} already exists, not created again for node {Node}")]
    private static partial void LogPortExists(ILogger logger, string mac, string node);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node}: cleaning up after inspection failed: {Error}")]
    private static partial void LogCleanUpFailed(ILogger logger, string node, string error);
}
