using System.Text.Json.Nodes;
using Ironic.Common.Rpc;
using Ironic.Common.Validation;
using Ironic.Drivers;

namespace Ironic.Conductor.Manager;

/// <summary>Boot device, NMI, sensors, console and validation: calls that go straight to one interface.</summary>
public sealed partial class ConductorManager
{
    public async Task<BootDeviceInfo> GetBootDeviceAsync(string nodeUuid, CancellationToken ct)
    {
        await using var task = await tasks.AcquireAsync(nodeUuid, "getting boot device", shared: true, ct).ConfigureAwait(false);
        var management = task.Driver.Management;
        await management.ValidateAsync(task, ct).ConfigureAwait(false);
        return await management.GetBootDeviceAsync(task, ct).ConfigureAwait(false);
    }

    public async Task SetBootDeviceAsync(string nodeUuid, string device, bool persistent, CancellationToken ct)
    {
        await using var task = await tasks.AcquireAsync(nodeUuid, "setting boot device", ct: ct).ConfigureAwait(false);
        var management = task.Driver.Management;
        await management.ValidateAsync(task, ct).ConfigureAwait(false);
        if (!management.GetSupportedBootDevices(task).Contains(device))
        {
            throw new InvalidParameterValue(
                $"Invalid boot device {device} specified, supported values are: {string.Join(", ", management.GetSupportedBootDevices(task))}.");
        }

        await management.SetBootDeviceAsync(task, device, persistent, ct).ConfigureAwait(false);
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> GetSupportedBootDevicesAsync(string nodeUuid, CancellationToken ct)
    {
        await using var task = await tasks.AcquireAsync(nodeUuid, "getting supported boot devices", shared: true, ct).ConfigureAwait(false);
        return task.Driver.Management.GetSupportedBootDevices(task);
    }

    public async Task InjectNmiAsync(string nodeUuid, CancellationToken ct)
    {
        await using var task = await tasks.AcquireAsync(nodeUuid, "inject nmi", ct: ct).ConfigureAwait(false);
        var management = task.Driver.Management;
        await management.ValidateAsync(task, ct).ConfigureAwait(false);
        await management.InjectNmiAsync(task, ct).ConfigureAwait(false);
    }

    public async Task<JsonObject> GetSensorsDataAsync(string nodeUuid, CancellationToken ct)
    {
        await using var task = await tasks.AcquireAsync(nodeUuid, "getting sensors data", shared: true, ct).ConfigureAwait(false);
        var management = task.Driver.Management;
        await management.ValidateAsync(task, ct).ConfigureAwait(false);
        return await management.GetSensorsDataAsync(task, ct).ConfigureAwait(false);
    }

    public async Task SetConsoleModeAsync(string nodeUuid, bool enabled, CancellationToken ct)
    {
        var task = await tasks.AcquireAsync(nodeUuid, "setting console mode", ct: ct).ConfigureAwait(false);
        try
        {
            var console = task.Driver.Console;
            await console.ValidateAsync(task, ct).ConfigureAwait(false);
            if (task.Node.ConsoleEnabled == enabled)
            {
                // Already so: nothing to start or stop, as in Ironic.
                await task.DisposeAsync().ConfigureAwait(false);
                return;
            }

            await workers.HandOffAsync(task, $"console {(enabled ? "start" : "stop")} of node {nodeUuid}", async stop =>
            {
                try
                {
                    if (enabled)
                    {
                        await console.StartConsoleAsync(task, stop).ConfigureAwait(false);
                    }
                    else
                    {
                        await console.StopConsoleAsync(task, stop).ConfigureAwait(false);
                    }

                    task.Node.ConsoleEnabled = enabled;
                    task.Node.LastError = null;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    task.Node.LastError = $"Failed to {(enabled ? "start" : "stop")} console for node {task.Node.Uuid}. Error: {e.Message}";
                }

                await task.SaveNodeAsync(CancellationToken.None).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch
        {
            await task.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<JsonObject> GetConsoleInformationAsync(string nodeUuid, CancellationToken ct)
    {
        await using var task = await tasks.AcquireAsync(nodeUuid, "getting console information", shared: true, ct).ConfigureAwait(false);
        if (!task.Node.ConsoleEnabled)
        {
            throw new NodeConsoleNotEnabled(task.Node.Uuid);
        }

        var console = task.Driver.Console;
        await console.ValidateAsync(task, ct).ConfigureAwait(false);
        return await console.GetConsoleAsync(task, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, InterfaceValidation>> ValidateDriverInterfacesAsync(string nodeUuid, CancellationToken ct)
    {
        await using var task = await tasks.AcquireAsync(nodeUuid, "validate driver interfaces", shared: true, ct).ConfigureAwait(false);
        var result = new SortedDictionary<string, InterfaceValidation>(StringComparer.Ordinal);
        foreach (var kind in InterfaceKind.All)
        {
            try
            {
                await task.Driver.Get(kind).ValidateAsync(task, ct).ConfigureAwait(false);
                result[kind] = new InterfaceValidation(true, null);
            }
            catch (IronicException e) when (e is InvalidParameterValue or MissingParameterValue or UnsupportedDriverExtension or Invalid)
            {
                result[kind] = new InterfaceValidation(false, Secrets.Scrub(e.Message, task.Node.DriverInfo, task.Node.InstanceInfo));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A broken driver must not break validation of the others.
                result[kind] = new InterfaceValidation(false,
                    Secrets.Scrub($"Unexpected exception, traceback saved into log by ironic conductor service that is running on {tasks.Host}: {e.Message}",
                        task.Node.DriverInfo, task.Node.InstanceInfo));
                LogValidateFailed(e, task.Node.Uuid, kind);
            }
        }

        return result;
    }

    public Task<IReadOnlyDictionary<string, string>> GetDriverPropertiesAsync(string driverName, CancellationToken ct)
    {
        if (!drivers.HardwareTypes.ContainsKey(driverName))
        {
            throw new DriverNotFound(driverName);
        }

        var properties = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var kind in InterfaceKind.All)
        {
            foreach (var name in drivers.EnabledSupported(driverName, kind))
            {
                foreach (var (key, description) in drivers.Find(kind, name)!.GetProperties())
                {
                    properties[key] = description;
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(properties);
    }

    public Task<IReadOnlyDictionary<string, string>> GetRaidLogicalDiskPropertiesAsync(string driverName, CancellationToken ct)
    {
        if (!drivers.HardwareTypes.ContainsKey(driverName))
        {
            throw new DriverNotFound(driverName);
        }

        var raid = (RaidInterface)drivers.GetInterface(driverName, InterfaceKind.Raid, drivers.DefaultInterface(driverName, InterfaceKind.Raid, null));
        return Task.FromResult(raid.GetLogicalDiskProperties());
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error,
        Message = "Validating the {Kind} interface of node {Node} failed unexpectedly")]
    private partial void LogValidateFailed(Exception e, string node, string kind);
}
