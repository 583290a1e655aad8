using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Common.Json;
using Ironic.Common.Rpc;
using Ironic.Common.Validation;
using Ironic.Conductor.Loading;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Manager;

/// <summary>Vendor passthru: the methods drivers declare with <see cref="PassthruAttribute"/> and <see cref="DriverPassthruAttribute"/>.</summary>
public sealed partial class ConductorManager
{
    public async Task<VendorResult> VendorPassthruAsync(string nodeUuid, string method, string httpMethod, JsonObject args, CancellationToken ct)
    {
        // The method's metadata decides the lock, so read it before taking one.
        var node = await store.Nodes.GetAsync("uuid", nodeUuid, ct).ConfigureAwait(false) ?? throw new NodeNotFound(nodeUuid);
        var info = Route(drivers.Build(node).Vendor.Methods.FindNodeMethod(method), method, httpMethod);

        var task = await tasks.AcquireAsync(nodeUuid, "calling vendor passthru", shared: info.RequireExclusiveLock == false, ct).ConfigureAwait(false);
        try
        {
            var vendor = task.Driver.Vendor;
            await vendor.ValidateAsync(task, method, args, ct).ConfigureAwait(false);
            if (info.Async)
            {
                await workers.HandOffAsync(task, $"vendor method {method} of node {nodeUuid}", async stop =>
                {
                    try
                    {
                        await vendor.Methods.InvokeNodeMethodAsync(vendor, method, task, httpMethod, args, stop).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Nobody waits for the answer: the node's last_error is where the operator looks.
                        LogVendorFailed(e, method, nodeUuid);
                        await task.SaveLastErrorAsync($"Vendor passthru method {method} failed: {e.Message}", CancellationToken.None).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
                return new VendorResult(true, null, null);
            }

            await using (task)
            {
                var result = await Call(() => vendor.Methods.InvokeNodeMethodAsync(vendor, method, task, httpMethod, args, ct), method).ConfigureAwait(false);
                return ToResult(result, info.Attach);
            }
        }
        catch
        {
            await task.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<VendorResult> DriverVendorPassthruAsync(string driverName, string method, string httpMethod, JsonObject args, CancellationToken ct)
    {
        var vendor = DefaultVendor(driverName);
        var info = Route(vendor.Methods.FindDriverMethod(method), method, httpMethod);
        await vendor.DriverValidateAsync(method, args, ct).ConfigureAwait(false);
        var context = new DriverContext(driverName, tasks.Host);
        if (info.Async)
        {
            workers.Spawn($"driver vendor method {method} of {driverName}", async stop =>
            {
                try
                {
                    await vendor.Methods.InvokeDriverMethodAsync(vendor, method, context, httpMethod, args, stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogVendorFailed(e, method, driverName);
                }
            });
            return new VendorResult(true, null, null);
        }

        var result = await Call(() => vendor.Methods.InvokeDriverMethodAsync(vendor, method, context, httpMethod, args, ct), method).ConfigureAwait(false);
        return ToResult(result, info.Attach);
    }

    public async Task<IReadOnlyDictionary<string, VendorMethodInfo>> GetNodeVendorPassthruMethodsAsync(string nodeUuid, CancellationToken ct)
    {
        await using var task = await tasks.AcquireAsync(nodeUuid, "listing vendor passthru methods", shared: true, ct).ConfigureAwait(false);
        return task.Driver.Vendor.Methods.NodeMethods;
    }

    public Task<IReadOnlyDictionary<string, VendorMethodInfo>> GetDriverVendorPassthruMethodsAsync(string driverName, CancellationToken ct) =>
        Task.FromResult(DefaultVendor(driverName).Methods.DriverMethods);

    // For a hardware type with several vendor interfaces, the default one serves driver methods, as in Ironic.
    private VendorInterface DefaultVendor(string driverName) =>
        drivers.HardwareTypes.ContainsKey(driverName)
            ? (VendorInterface)drivers.GetInterface(driverName, InterfaceKind.Vendor, drivers.DefaultInterface(driverName, InterfaceKind.Vendor, null))
            : throw new DriverNotFound(driverName);

    private static VendorMethodInfo Route(VendorMethodInfo? info, string method, string httpMethod)
    {
        if (info is null)
        {
            throw new InvalidParameterValue($"No handler for method {method}");
        }

        return info.HttpMethods.Contains(httpMethod.ToUpperInvariant())
            ? info
            : throw new InvalidParameterValue($"The method {method} does not support HTTP {httpMethod.ToUpperInvariant()}");
    }

    // A driver's own error keeps its meaning; anything else is the vendor method's failure (500).
    private static async Task<object?> Call(Func<Task<object?>> call, string method)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not IronicException and not OperationCanceledException)
        {
            throw new VendorPassthruException($"Vendor passthru method {method} failed: {e.Message}", e);
        }
    }

    private static VendorResult ToResult(object? value, bool attach)
    {
        if (attach)
        {
            return new VendorResult(false, null, value switch
            {
                null => [],
                byte[] bytes => bytes,
                string text => Encoding.UTF8.GetBytes(text),
                _ => JsonSerializer.SerializeToUtf8Bytes(value, IronicJson.Options),
            });
        }

        return new VendorResult(false, value is JsonNode node ? node : JsonSerializer.SerializeToNode(value, IronicJson.Options), null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vendor passthru method {Method} of {Target} failed")]
    private partial void LogVendorFailed(Exception e, string method, string target);

    private sealed record DriverContext(string DriverName, string Host) : IDriverContext;
}
