using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// Runs the real <c>/usr/bin/openstack --os-auth-type none --os-endpoint … baremetal &lt;args&gt;</c>
/// against an <see cref="IronicProcess"/>, with no <c>OS_*</c> variables inherited, and logs each
/// command, its exit code, duration and output to the test output.
/// </summary>
public sealed class BaremetalCli(IronicProcess server, ITestOutputHelper output)
{
    /// <summary>The Debian CLI; a python3 earlier on PATH may lack the OpenStack modules.</summary>
    public const string Executable = "/usr/bin/openstack";

    // Above the 60 s that `--wait 60` may take, plus the CLI's own start-up.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Runs <c>openstack baremetal &lt;args&gt;</c> and returns what it did, whatever the exit code.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"{Executable} is missing: run scripts/install-test-deps.sh (python3-openstackclient, python3-ironicclient).");
        }

        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--os-auth-type", "none", "--os-endpoint", server.Endpoint, "baremetal", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys
                     .Where(k => k.StartsWith("OS_", StringComparison.OrdinalIgnoreCase) || k is "PYTHONPATH" or "PYTHONHOME")
                     .ToList())
        {
            start.Environment.Remove(key);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"`openstack baremetal {string.Join(' ', args)}` did not finish within {Timeout.TotalSeconds} s.\n"
                        + $"stdout:\n{await stdout}\nstderr:\n{await stderr}\nserver log:\n{server.ReadLog()}");
        }

        var result = new CliResult(args, process.ExitCode, await stdout, await stderr);
        output.WriteLine($"[{clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s] {result}");
        return result;
    }

    /// <summary>Runs the command and asserts it succeeded.</summary>
    public async Task<CliResult> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"expected success from {result}\n{ServerLogTail()}");
        }

        return result;
    }

    /// <summary>Runs the command with <c>-f json</c>, asserts success and parses a single object (show/create).</summary>
    public async Task<JsonObject> ObjectAsync(params string[] args) => (await OkAsync([.. args, "-f", "json"])).Json.AsObject();

    /// <summary>Runs the command with <c>-f json</c>, asserts success and parses the rows (list).</summary>
    public async Task<IReadOnlyList<JsonObject>> RowsAsync(params string[] args) =>
        [.. (await OkAsync([.. args, "-f", "json"])).Json.AsArray().Select(row => row!.AsObject())];

    /// <summary>Runs the command with <c>-f value -c <paramref name="column"/></c> and returns the single value printed.</summary>
    public async Task<string> ValueAsync(string column, params string[] args) =>
        (await OkAsync([.. args, "-f", "value", "-c", column])).StdOut.Trim();

    /// <summary>
    /// Repeats <c>-f value -c <paramref name="column"/></c> until it prints <paramref name="expected"/>
    /// (for what the conductor changes in the background after a 202), failing after <paramref name="timeout"/>.
    /// </summary>
    public async Task PollValueAsync(string expected, TimeSpan timeout, string column, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await ValueAsync(column, args);
            if (value == expected)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"`openstack baremetal {string.Join(' ', args)}` still printed {column} '{value}', not '{expected}', "
                            + $"after {timeout.TotalSeconds} s\n{ServerLogTail()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Runs a command expected to fail and asserts the CLI's exit code 1.</summary>
    public async Task<CliResult> FailAsync(params string[] args)
    {
        var result = await RunAsync(args);
        if (result.ExitCode != 1)
        {
            Assert.Fail($"expected exit code 1 from {result}\n{ServerLogTail()}");
        }

        return result;
    }

    private string ServerLogTail(int lines = 40)
    {
        var log = server.ReadLog().Split('\n');
        return $"server {server.Status}; log (last {lines} lines):\n" + string.Join('\n', log.TakeLast(lines));
    }
}

public sealed record CliResult(IReadOnlyList<string> Args, int ExitCode, string StdOut, string StdErr)
{
    public JsonNode Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(StdOut) ?? throw new JsonException("null");
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"not JSON ({e.Message}): {this}", e);
            }
        }
    }

    public override string ToString() =>
        $"openstack baremetal {string.Join(' ', Args)} → exit {ExitCode}"
        + (StdOut.Length > 0 ? $"\n  stdout: {StdOut.TrimEnd()}" : "")
        + (StdErr.Length > 0 ? $"\n  stderr: {StdErr.TrimEnd()}" : "");
}

/// <summary>Names and addresses unique within a run, so tests can share the server in parallel.</summary>
public static class Unique
{
    private static int macs;

    public static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A fresh 52:54:00:… address (the database is new each run, so a counter suffices).</summary>
    public static string Mac()
    {
        var n = Interlocked.Increment(ref macs);
        return string.Create(CultureInfo.InvariantCulture, $"52:54:00:{(n >> 16) & 0xff:x2}:{(n >> 8) & 0xff:x2}:{n & 0xff:x2}");
    }
}
