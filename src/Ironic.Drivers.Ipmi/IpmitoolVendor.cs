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

    [Passthru("POST", Description = "Send raw bytes to the BMC. Required argument: 'raw_bytes' - a string of raw bytes (e.g. '0x00 0x01').")]
    public async Task SendRaw(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct) =>
        await ipmi.Ipmitool.ExecuteAsync(IpmiDriverInfo.Parse(task.Node), "raw " + RawBytes(args), ct).ConfigureAwait(false);

    [Passthru("POST", Description = "Reset the BMC. Required argument: 'warm' (Boolean) - for warm (True) or cold (False) reset.")]
    public async Task BmcReset(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct)
    {
        var warm = IpmiDriverInfo.Flag(args, "warm") ?? true;
        await ipmi.Ipmitool.ExecuteAsync(IpmiDriverInfo.Parse(task.Node), warm ? "bmc reset warm" : "bmc reset cold", ct).ConfigureAwait(false);
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
