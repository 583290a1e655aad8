using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>
/// Real OpenIPMI <c>ipmi_sim</c> BMCs, started with the repository's tests/bmc/ipmi/start.sh on free
/// loopback UDP ports in a temp state directory, and stopped (by the PIDs start.sh recorded) with stop.sh.
/// Node i answers on <see cref="Port"/>(i); its chassis state is in <see cref="NodeDir"/>(i)/chassis.
/// </summary>
public abstract class SimulatedBmcs(int count) : IAsyncLifetime
{
    /// <summary>Not the simulators' default, so a leak of it in any output is recognisable.</summary>
    public const string Password = "Sim-Pa55word-7q";

    public const string Username = "admin";

    private static readonly string Scripts = FindScripts();

    public int Count { get; } = count;

    public string StateDir { get; } = Path.Combine(Path.GetTempPath(), "ironic-ipmi-bmcs-" + Guid.NewGuid().ToString("N")[..12]);

    public int BasePort { get; private set; }

    public int Port(int node) => BasePort + node;

    // start.sh checks readiness one BMC after another; shards of ten start side by side.
    private const int ShardSize = 10;

    private int Shards => (Count + ShardSize - 1) / ShardSize;

    private string ShardDir(int shard) => Path.Combine(StateDir, "shard" + shard);

    /// <summary>The directory start.sh made for node <paramref name="node"/> (chassis, events.log, sim.log).</summary>
    public string NodeDir(int node) => Path.Combine(ShardDir(node / ShardSize), "node" + (node % ShardSize));

    public virtual async Task InitializeAsync()
    {
        // start.sh refuses a busy port; another base is tried then (other suites may hold some).
        for (var attempt = 0; ; attempt++)
        {
            BasePort = Random.Shared.Next(20000, 60000 - Count);
            var results = await Task.WhenAll(Enumerable.Range(0, Shards).Select(k => RunAsync("start.sh",
                Math.Min(ShardSize, Count - (k * ShardSize)).ToString(CultureInfo.InvariantCulture),
                (BasePort + (k * ShardSize)).ToString(CultureInfo.InvariantCulture),
                ShardDir(k))));
            if (results.All(r => r.Code == 0))
            {
                return;
            }

            await StopAsync();
            Directory.Delete(StateDir, recursive: true);
            if (attempt == 4)
            {
                throw new InvalidOperationException($"ipmi_sim BMCs did not start: {string.Join("; ", results.Select(r => r.Output))}");
            }
        }
    }

    public virtual async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(StateDir, recursive: true);
        }
        catch (IOException)
        {
            // A simulator's hook may still be closing a file; the temp dir is left behind then.
        }
    }

    private Task StopAsync() =>
        Task.WhenAll(Enumerable.Range(0, Shards).Where(k => Directory.Exists(ShardDir(k))).Select(k => RunAsync("stop.sh", ShardDir(k))));

    /// <summary>A loopback UDP port nothing listens on (the system picked it free a moment ago): a BMC that is down.</summary>
    public static int UnusedUdpPort()
    {
        using var socket = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    /// <summary>The node's chassis file as a dictionary: power (0|1), boot, resets.</summary>
    public Dictionary<string, string> Chassis(int node) =>
        File.ReadAllLines(Path.Combine(NodeDir(node), "chassis"))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);

    /// <summary>Changes the simulated machine's state behind the driver's back.</summary>
    public void SetChassis(int node, string power, string boot = "none")
    {
        var path = Path.Combine(NodeDir(node), "chassis");
        File.WriteAllText(path + ".test", $"power={power}\nboot={boot}\nresets=0\n");
        File.Move(path + ".test", path, overwrite: true);
    }

    /// <summary>What the BMC was told, one "<c>what value</c>" per request (the epoch column dropped).</summary>
    public IReadOnlyList<string> Events(int node)
    {
        var path = Path.Combine(NodeDir(node), "events.log");
        return File.Exists(path) ? [.. File.ReadAllLines(path).Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..])] : [];
    }

    /// <summary>A task over a new node of the ipmi hardware type whose driver_info points at BMC <paramref name="node"/>.</summary>
    public TestTaskContext TaskFor(IDriver driver, int node, Action<Node>? adjust = null)
    {
        var n = new Node { Uuid = Guid.NewGuid().ToString(), Driver = "ipmi", DriverInfo = DriverInfo(node) };
        adjust?.Invoke(n);
        return new TestTaskContext(driver, n);
    }

    public JsonObject DriverInfo(int node) => new()
    {
        ["ipmi_address"] = "127.0.0.1",
        ["ipmi_port"] = Port(node),
        ["ipmi_username"] = Username,
        ["ipmi_password"] = Password,
        ["ipmi_cipher_suite"] = "3",
    };

    /// <summary>Extra environment for start.sh (e.g. SOL_BASEPORT).</summary>
    protected virtual IReadOnlyDictionary<string, string> StartEnvironment { get; } = new Dictionary<string, string>();

    private async Task<(int Code, string Output)> RunAsync(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(Scripts, script));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["IPMI_PASSWORD"] = Password;
        psi.Environment["IPMI_USER"] = Username;
        psi.Environment["WAIT_SECS"] = "30";
        foreach (var (k, v) in StartEnvironment)
        {
            psi.Environment[k] = v;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }

    private static string FindScripts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "bmc", "ipmi");
            if (File.Exists(Path.Combine(candidate, "start.sh")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/bmc/ipmi/start.sh not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Four BMCs for the driver-level tests.</summary>
public sealed class FourBmcs() : SimulatedBmcs(4);

[CollectionDefinition(Name)]
public sealed class DriverBmcsCollection : ICollectionFixture<FourBmcs>
{
    public const string Name = "ipmi driver BMCs";
}
