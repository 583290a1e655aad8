using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ironic.Drivers.Ipmi;

/// <summary>
/// Ironic's ipmitool vendor methods, same names, HTTP methods and metadata (asynchronous, exclusive
/// lock): <c>send_raw</c> sends raw bytes to the BMC, <c>bmc_reset</c> resets it warm or cold.
/// </summary>
[HardwareInterface("ipmitool")]
public sealed partial class IpmitoolVendor : VendorInterface
{
    private readonly IpmiContext ipmi;

    public IpmitoolVendor(IDriverServices services)
    {
        ipmi = new IpmiContext(services, typeof(IpmitoolVendor).FullName!);
    }

    public override IReadOnlyDictionary<string, string> GetProperties() => IpmiProperties.Common;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        IpmiDriverInfo.Parse(task.Node);
        return Task.CompletedTask;
    }

    public override Task ValidateAsync(ITaskContext task, string method, JsonObject args, CancellationToken ct)
    {
        if (method == "send_raw")
        {
            RawBytes(args);
        }

        IpmiDriverInfo.Parse(task.Node);
        return Task.CompletedTask;
    }

    // Synchronous, as the issue asks (Ironic declares both asynchronous): the caller gets the BMC's
    // answer, or its error, in the response instead of in last_error.
    [Passthru("POST", Async = false, Description = "Send raw bytes to the BMC. Required argument: 'raw_bytes' - a string of raw bytes (e.g. '0x00 0x01'). Returns the BMC's response bytes.")]
    public async Task<JsonObject> SendRaw(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct)
    {
        var bytes = RawBytes(args);
        var output = await ipmi.Ipmitool.ExecuteAsync(IpmiDriverInfo.Parse(task.Node), "raw " + bytes, ct).ConfigureAwait(false);
        return new JsonObject { ["raw_bytes"] = bytes, ["response"] = string.Join(' ', output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)) };
    }

    [Passthru("POST", Async = false, Description = "Reset the BMC. Required argument: 'warm' (Boolean) - for warm (True) or cold (False) reset.")]
    public async Task<JsonObject> BmcReset(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct)
    {
        var warm = IpmiDriverInfo.Flag(args, "warm") ?? true;
        await ipmi.Ipmitool.ExecuteAsync(IpmiDriverInfo.Parse(task.Node), warm ? "bmc reset warm" : "bmc reset cold", ct).ConfigureAwait(false);
        return new JsonObject { ["reset"] = warm ? "warm" : "cold" };
    }

    /// <summary>
    /// The bytes, each "0xNN" or "NN". Stricter than Ironic, which passes any words on: ipmitool reads
    /// options anywhere in its arguments, so a word like "-f" must not reach it.
    /// </summary>
    private static string RawBytes(JsonObject args)
    {
        var raw = IpmiDriverInfo.Text(args, "raw_bytes");
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new MissingParameterValue("Parameter raw_bytes (string of bytes) was not specified.");
        }

        var bytes = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (bytes.Length < 2 || !bytes.All(b => HexByte().IsMatch(b)))
        {
            throw new InvalidParameterValue(
                $"Invalid raw_bytes '{raw}': expected a network function, a command and optional data, each a byte such as 0x06.");
        }

        return string.Join(' ', bytes);
    }

    [GeneratedRegex("^(0[xX])?[0-9a-fA-F]{1,2}$")]
    private static partial Regex HexByte();
}
