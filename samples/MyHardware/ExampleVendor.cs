using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers;

namespace MyVendor.BareMetal;

/// <summary>
/// Vendor passthru for the pretend BMC, after Ironic's vendor methods tutorial: the driver method
/// <c>authentication_types</c> and the node method <c>send_raw</c>, plus a pair of driver methods
/// around a per-conductor counter of the raw bytes sent.
/// </summary>
[HardwareInterface("example-vendor")]
public sealed class ExampleVendor : VendorInterface
{
    private const string LastRawBytesKey = "last_raw_bytes";

    // ironic shares this one instance between all nodes and calls, so the counters are the
    // conductor's, not a node's (per-node state belongs on the node), and change atomically.
    private long sendRawCalls;
    private long rawBytesSent;
    private readonly string conductor;

    /// <summary>The host lends its services; the conductor's name comes from there.</summary>
    public ExampleVendor(IDriverServices services) => conductor = services.Host;

    // Runs under the node's lock before send_raw is accepted: a refusal here is the caller's 400.
    public override Task ValidateAsync(ITaskContext task, string method, JsonObject args, CancellationToken ct)
    {
        if (method == "send_raw")
        {
            if (!args.TryGetPropertyValue("raw_bytes", out var value) || value is null)
            {
                throw new MissingParameterValue($"Parameter 'raw_bytes' not passed to method '{method}'.");
            }

            if (value.GetValueKind() != JsonValueKind.String)
            {
                throw new InvalidParameterValue($"Parameter 'raw_bytes' of method '{method}' must be a string such as \"0x01 0x02\".");
            }

            ParseRawBytes(value.GetValue<string>());
        }

        return Task.CompletedTask;
    }

    /// <summary>GET /v1/drivers/my-hardware/vendor_passthru/authentication_types, answered at once (200).</summary>
    [DriverPassthru("GET", Async = false, Description = "List the authentication types the pretend BMC supports")]
    public Task<JsonObject> AuthenticationTypes(IDriverContext context, string httpMethod, JsonObject args, CancellationToken ct) =>
        Task.FromResult(new JsonObject { ["types"] = new JsonArray("NONE", "MD5", "MD2") });

    /// <summary>POST {"raw_bytes": "0x01 0x02"} to /v1/nodes/{node}/vendor_passthru/send_raw: 202, then runs on a worker.</summary>
    [Passthru("POST", Description = "Send raw bytes to the pretend BMC; argument raw_bytes, e.g. \"0x01 0x02\"")]
    public async Task SendRaw(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct)
    {
        var raw = args["raw_bytes"]!.GetValue<string>();
        var bytes = ParseRawBytes(raw);

        // The pretend BMC "receives" the bytes by recording them on the node. The exclusive lock
        // (the default) is still held while an asynchronous method runs, so the node can be saved.
        task.Node.DriverInternalInfo[LastRawBytesKey] = raw;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);

        Interlocked.Increment(ref sendRawCalls);
        Interlocked.Add(ref rawBytesSent, bytes.Length);
    }

    /// <summary>GET /v1/drivers/my-hardware/vendor_passthru/counters, answered at once (200).</summary>
    [DriverPassthru("GET", Async = false, Description = "Count the send_raw calls and bytes this conductor has sent")]
    public Task<JsonObject> Counters(IDriverContext context, string httpMethod, JsonObject args, CancellationToken ct) =>
        Task.FromResult(new JsonObject
        {
            ["conductor"] = conductor,
            ["send_raw_calls"] = Interlocked.Read(ref sendRawCalls),
            ["raw_bytes_sent"] = Interlocked.Read(ref rawBytesSent),
        });

    /// <summary>POST /v1/drivers/my-hardware/vendor_passthru/reset_counters: 202, then runs on a worker.</summary>
    [DriverPassthru("POST", Description = "Reset this conductor's send_raw counters")]
    public Task ResetCounters(IDriverContext context, string httpMethod, JsonObject args, CancellationToken ct)
    {
        Interlocked.Exchange(ref sendRawCalls, 0);
        Interlocked.Exchange(ref rawBytesSent, 0);
        return Task.CompletedTask;
    }

    // "0x01 0x02" -> [1, 2]: whitespace-separated bytes, each 0x followed by one or two hex digits.
    private static byte[] ParseRawBytes(string raw)
    {
        var tokens = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var bytes = new byte[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (t.Length is < 3 or > 4 || !t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                || !byte.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                throw new InvalidParameterValue($"Parameter 'raw_bytes' of method 'send_raw' must be bytes such as \"0x01 0x02\"; '{t}' is not one.");
            }
        }

        return bytes.Length > 0
            ? bytes
            : throw new InvalidParameterValue("Parameter 'raw_bytes' of method 'send_raw' must hold at least one byte.");
    }
}
