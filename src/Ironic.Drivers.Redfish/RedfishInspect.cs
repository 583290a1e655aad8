using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// Out-of-band inspection from the BMC's inventory (Ironic's <c>redfish</c> inspect): memory, CPU
/// threads and architecture, the smallest usable disk, the boot mode capability, and a port for
/// every enabled, healthy NIC. The node goes back to manageable at once.
/// </summary>
[HardwareInterface("redfish")]
public sealed class RedfishInspect : InspectInterface
{
    private const long GiB = 1024L * 1024 * 1024;

    private static readonly Dictionary<string, string> Architectures = new()
    {
        ["x86"] = "x86_64",
        ["IA-64"] = "ia64",
        ["ARM"] = "arm",
        ["MIPS"] = "mips",
        ["OEM"] = "oem",
    };

    private static readonly string[] Essential = ["memory_mb", "local_gb", "cpus", "cpu_arch"];

    private readonly RedfishRuntime runtime;

    public RedfishInspect(IDriverServices services) => runtime = new RedfishRuntime(services, typeof(RedfishInspect).FullName!);

    public override IReadOnlyDictionary<string, string> GetProperties() => RedfishDriverInfo.Properties;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        runtime.Parse(task);
        return Task.CompletedTask;
    }

    public override async Task<string?> InspectHardwareAsync(ITaskContext task, CancellationToken ct)
    {
        var node = task.Node;
        var bmc = runtime.Connect(task);
        var system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        var properties = (JsonObject)node.Properties.DeepClone();

        if (system["MemorySummary"]?["TotalSystemMemoryGiB"] is JsonValue memory && memory.TryGetValue<double>(out var gib) && gib > 0)
        {
            // Ironic 21.4 records memory_mb and local_gb as strings, cpus as a number.
            properties["memory_mb"] = ((long)(gib * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (RedfishBmc.Link(system, "Processors") is { } processorsLink)
        {
            var processors = await bmc.MembersAsync(processorsLink, ct).ConfigureAwait(false);
            var threads = processors.Sum(p => p["TotalThreads"] is JsonValue t && t.TryGetValue<int>(out var n) ? n : 0);
            if (threads > 0)
            {
                properties["cpus"] = threads;
            }

            if (processors.Select(p => p["ProcessorArchitecture"]?.ToString()).FirstOrDefault(a => a is not null) is { } arch)
            {
                if (Architectures.TryGetValue(arch, out var cpuArch))
                {
                    properties["cpu_arch"] = cpuArch;
                }
                else
                {
                    RedfishLog.UnknownArch(runtime.Logger, arch, node.Uuid);
                }
            }
        }

        var localGb = await LocalGbAsync(bmc, system, ct).ConfigureAwait(false);
        if (localGb == 0)
        {
            RedfishLog.NoLocalDisk(runtime.Logger, node.Uuid);
        }

        properties["local_gb"] = localGb.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (system["Boot"]?["BootSourceOverrideMode"]?.ToString() is { } mode && mode is "UEFI" or "Legacy")
        {
            properties["capabilities"] = WithBootMode(properties["capabilities"], mode == "UEFI" ? BootMode.Uefi : BootMode.Bios);
        }

        var missing = Essential.Where(k => properties[k] is null).ToList();
        if (missing.Count > 0)
        {
            throw new IronicException(
                $"Failed to inspect hardware. Reason: Failed to discover the following properties: {string.Join(", ", missing)} on node {node.Uuid}");
        }

        node.Properties = properties;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        await CreatePortsAsync(task, bmc, system, ct).ConfigureAwait(false);
        return ProvisionState.Manageable;
    }

    /// <summary>
    /// Ironic's rule: the smallest disk of at least 4 GiB from SimpleStorage, and from Storage (its
    /// volumes, else its drives); the smaller of the two when both exist; in GiB, minus one.
    /// </summary>
    private async Task<long> LocalGbAsync(RedfishBmc bmc, JsonObject system, CancellationToken ct)
    {
        long simple = 0, storage = 0;
        if (RedfishBmc.Link(system, "SimpleStorage") is { } simpleLink)
        {
            simple = await TryReadAsync(bmc, "simple storage", async () => Smallest(
                (await bmc.MembersAsync(simpleLink, ct).ConfigureAwait(false))
                    .SelectMany(c => (c["Devices"] as JsonArray ?? []).OfType<JsonObject>())
                    .Where(d => d["Status"]?["State"]?.ToString() == "Enabled")
                    .Select(Size))).ConfigureAwait(false);
        }

        if (RedfishBmc.Link(system, "Storage") is { } storageLink)
        {
            storage = await TryReadAsync(bmc, "storage", async () =>
            {
                var controllers = await bmc.MembersAsync(storageLink, ct).ConfigureAwait(false);
                var volumes = new List<long>();
                foreach (var volumesLink in controllers.Select(c => RedfishBmc.Link(c, "Volumes")).OfType<string>())
                {
                    volumes.AddRange((await bmc.MembersAsync(volumesLink, ct).ConfigureAwait(false)).Select(Size));
                }

                if (Smallest(volumes) is > 0 and var fromVolumes)
                {
                    return fromVolumes;
                }

                var drives = new List<long>();
                foreach (var drive in controllers.SelectMany(c => c["Drives"] as JsonArray ?? []).Select(d => RedfishBmc.Link(d)).OfType<string>())
                {
                    drives.Add(Size(await bmc.GetAsync(drive, ct).ConfigureAwait(false)));
                }

                return Smallest(drives);
            }).ConfigureAwait(false);
        }

        var bytes = simple > 0 && storage > 0 ? Math.Min(simple, storage) : Math.Max(simple, storage);
        return Math.Max(0, (long)((double)bytes / GiB - 1));
    }

    /// <summary>Storage the BMC lacks or fails to serve only logs (as in Ironic): the node may be disk-less.</summary>
    private async Task<long> TryReadAsync(RedfishBmc bmc, string what, Func<Task<long>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (IronicException e) when (e is RedfishError or RedfishConnectionError)
        {
            RedfishLog.PartialReadFailed(runtime.Logger, what, bmc.Node, e.Message);
            return 0;
        }
    }

    private static long Size(JsonObject resource) => resource["CapacityBytes"] is JsonValue v && v.TryGetValue<long>(out var size) ? size : 0;

    private static long Smallest(IEnumerable<long> sizes) => sizes.Where(s => s >= 4 * GiB).DefaultIfEmpty(0).Min();

    /// <summary>Adds boot_mode to the capabilities string (<c>key:value,...</c>) unless the operator set one.</summary>
    private static string WithBootMode(JsonNode? capabilities, string mode)
    {
        var text = capabilities?.ToString() ?? "";
        return NodeCapabilities.Parse(text).ContainsKey("boot_mode") ? text
            : string.Join(',', [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), "boot_mode:" + mode]);
    }

    /// <summary>A port per MAC of an enabled NIC whose health is OK, unless the node already has it.</summary>
    private async Task CreatePortsAsync(ITaskContext task, RedfishBmc bmc, JsonObject system, CancellationToken ct)
    {
        if (RedfishBmc.Link(system, "EthernetInterfaces") is not { } nicsLink)
        {
            return;
        }

        var known = task.Ports.Select(p => p.Address.ToLowerInvariant()).ToHashSet();
        foreach (var nic in await bmc.MembersAsync(nicsLink, ct).ConfigureAwait(false))
        {
            if (nic["MACAddress"]?.ToString() is not { Length: > 0 } mac || nic["Status"]?["Health"]?.ToString() != "OK"
                || nic["Status"]?["State"]?.ToString() != "Enabled")
            {
                continue;
            }

            mac = mac.ToLowerInvariant();
            if (!known.Add(mac))
            {
                continue;
            }

            try
            {
                await task.CreatePortAsync(new Port { Address = mac }, ct).ConfigureAwait(false);
                RedfishLog.PortCreated(runtime.Logger, mac, task.Node.Uuid);
            }
            catch (MacAlreadyExists)
            {
                RedfishLog.PortExists(runtime.Logger, mac, task.Node.Uuid);
            }
        }
    }
}
