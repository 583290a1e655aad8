using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// The real ironic-python-agent 13, started only through <c>../shared/agent/run-ipa.sh</c> (its fence: own
/// namespaces, a loop device as its only disk, power commands shadowed). Its disk is a file under /tmp
/// that the test reads afterwards; disposing stops it with SIGTERM, on which run-ipa.sh detaches the loop device.
/// </summary>
public sealed class RealAgent : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private bool ownsDisk;

    private RealAgent(Process process, string diskFile, string logDir)
    {
        this.process = process;
        DiskFile = diskFile;
        LogDir = logDir;
    }

    /// <summary>The backing file of the agent's install disk (128 MiB).</summary>
    public string DiskFile { get; }

    /// <summary>Where run-ipa.sh copies ipa.log and friends when it ends.</summary>
    public string LogDir { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The shared agent kit beside the repository (../shared/agent, or <c>IRONIC_AGENT_KIT</c>), set up by scripts/install-test-deps.sh.</summary>
    public static string KitDir
    {
        get
        {
            // A git worktree is not beside ../shared: IRONIC_AGENT_KIT names the kit then.
            if (Environment.GetEnvironmentVariable("IRONIC_AGENT_KIT") is { Length: > 0 } kit)
            {
                return kit;
            }

            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ironic.slnx")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.Parent?.FullName ?? throw new InvalidOperationException("Ironic.slnx not found above the tests"), "shared", "agent");
        }
    }

    /// <summary>Starts the agent: it looks up at <paramref name="apiPort"/> with <paramref name="mac"/>; <paramref name="forwardPorts"/> reach in.</summary>
    public static RealAgent Start(int apiPort, string mac, params int[] forwardPorts) => Start(apiPort, mac, null, forwardPorts);

    /// <summary>
    /// As <see cref="Start(int, string, int[])"/>, on the disk file of an agent that ran before (the same machine
    /// booting the agent again, e.g. to clean after a deploy); the file is then left for its first owner to delete.
    /// </summary>
    public static RealAgent Start(int apiPort, string mac, string? diskFile, params int[] forwardPorts)
    {
        var script = Path.Combine(KitDir, "run-ipa.sh");
        if (!File.Exists(script) || !File.Exists("/tmp/ipa-sid-root/usr/bin/ironic-python-agent"))
        {
            throw new InvalidOperationException($"The agent kit is not set up ({script}, /tmp/ipa-sid-root): run scripts/install-test-deps.sh.");
        }

        var id = Guid.NewGuid().ToString("N")[..12];
        var disk = diskFile ?? $"/tmp/ironic-agent-disk-{id}.img";
        var logs = Path.Combine(Path.GetTempPath(), $"ironic-agent-logs-{id}");
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        var api = apiPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["IPA_API_URL"] = $"http://127.0.0.1:{api}";
        start.Environment["IPA_FAKE_MAC"] = mac;
        start.Environment["IPA_FORWARD_PORTS"] = string.Join(' ', [api, .. forwardPorts.Select(p => p.ToString(CultureInfo.InvariantCulture))]);
        start.Environment["IPA_DISK_FILE"] = disk;
        start.Environment["IPA_LOG_DIR"] = logs;
        start.Environment["IPA_TIMEOUT"] = "600";
        // A port of its own on the host: agents of tests that run at the same time must not meet.
        start.Environment["IPA_AGENT_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture);
        var agent = new RealAgent(Process.Start(start)!, disk, logs) { ownsDisk = diskFile is null };
        agent.process.OutputDataReceived += (_, e) => agent.Append(e.Data);
        agent.process.ErrorDataReceived += (_, e) => agent.Append(e.Data);
        agent.process.BeginOutputReadLine();
        agent.process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>The first <paramref name="length"/> bytes of the agent's disk.</summary>
    public byte[] ReadDisk(int length)
    {
        using var file = File.OpenRead(DiskFile);
        var bytes = new byte[length];
        file.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The agent's own log, once it has stopped.</summary>
    public string Log() => File.Exists(Path.Combine(LogDir, "ipa.log")) ? File.ReadAllText(Path.Combine(LogDir, "ipa.log")) : "(no ipa.log)";

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM, not a kill: run-ipa.sh must detach its loop device and end what it started.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
        if (ownsDisk)
        {
            File.Delete(DiskFile);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
