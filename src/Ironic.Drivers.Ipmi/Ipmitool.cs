using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Ipmi;

/// <summary>
/// Runs the real <c>ipmitool</c> for a node, as Ironic's <c>_exec_ipmitool</c> does: one BMC at a time
/// and <c>min_command_interval</c> apart (<see cref="BmcGate"/>), retried within
/// <c>command_retry_timeout</c>, each run killed when it outlives its limit so no worker hangs.
/// The password travels in the child's environment (<c>-E</c>, <c>IPMI_PASSWORD</c>), never in its
/// argument list, and is cut out of any output that reaches an error message.
/// </summary>
internal sealed partial class Ipmitool(IpmiOptions options, TimeProvider time, ILogger logger)
{
    // ipmitool's texts for completion codes worth another try (ipmi_strings.c), as Ironic lists them.
    private static readonly string[] RetryableFailures =
        ["insufficient resources for session", "Node busy", "Timeout", "Out of space", "BMC initialization in progress"];

    public IpmiOptions Options => options;

    /// <summary>Runs <paramref name="command"/> (e.g. <c>power status</c>) and returns its standard output.</summary>
    public Task<string> ExecuteAsync(IpmiDriverInfo info, string command, CancellationToken ct) =>
        ExecuteAsync(info, command, acceptExitCodes: [0], ct);

    /// <summary>As above; an exit code in <paramref name="acceptExitCodes"/> is success (Ironic's check_exit_code).</summary>
    public async Task<string> ExecuteAsync(IpmiDriverInfo info, string command, IReadOnlyList<int> acceptExitCodes, CancellationToken ct)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var gate = BmcGate.For(info.Bmc);
        var started = time.GetTimestamp();
        var maxTries = options.MinCommandInterval > TimeSpan.Zero
            ? Math.Max((int)(options.CommandRetryTimeout / options.MinCommandInterval), 1)
            : int.MaxValue;
        for (var attempt = 1; ; attempt++)
        {
            IpmitoolResult result;
            using (await gate.EnterAsync(options.MinCommandInterval, time, ct).ConfigureAwait(false))
            {
                result = await RunAsync(info, words, ct).ConfigureAwait(false);
            }

            if (!result.TimedOut && acceptExitCodes.Contains(result.ExitCode))
            {
                LogCommandDone(logger, command, info.Bmc, info.NodeUuid, time.GetElapsedTime(started).TotalMilliseconds);
                return result.Stdout;
            }

            var output = Redact(result.Stdout + "\n" + result.Stderr, info.Password);
            var elapsed = time.GetElapsedTime(started);
            var retryable = !result.TimedOut
                && (!options.UseIpmitoolRetries || RetryableFailures.Concat(options.AdditionalRetryableErrors).Any(output.Contains));
            if (!retryable || attempt >= maxTries || elapsed >= options.CommandRetryTimeout)
            {
                var detail = Explain(info, result, output, attempt, elapsed);
                LogCommandFailed(logger, command, info.Bmc, info.NodeUuid, detail);
                throw new IpmiFailure(command, detail);
            }

            LogRetrying(logger, command, info.Bmc, info.NodeUuid, attempt, LastLines(output));
        }
    }

    /// <summary>
    /// The child process ipmitool runs as, without starting it: the argument list never holds the
    /// password (tests check exactly this).
    /// </summary>
    public ProcessStartInfo CreateStartInfo(IpmiDriverInfo info, IReadOnlyList<string> command)
    {
        var psi = new ProcessStartInfo(options.IpmitoolPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in Arguments(info))
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var word in command)
        {
            psi.ArgumentList.Add(word);
        }

        // Only the child sees these; an empty password is the NULL password, as Ironic's '\0' file is.
        psi.Environment["IPMI_PASSWORD"] = info.Password;
        psi.Environment["LC_ALL"] = "C";
        return psi;
    }

    /// <summary>ipmitool's arguments before the command (the password is not among them).</summary>
    public IEnumerable<string> Arguments(IpmiDriverInfo info)
    {
        yield return "-I";
        yield return info.ProtocolVersion == "2.0" ? "lanplus" : "lan";
        yield return "-H";
        yield return info.Address;
        yield return "-L";
        yield return info.PrivLevel;
        foreach (var (option, value) in new (string, string?)[]
                 {
                     ("-p", info.Port?.ToString(CultureInfo.InvariantCulture)), ("-U", info.Username), ("-y", info.HexKgKey),
                     ("-C", info.CipherSuite), ("-m", info.LocalAddress), ("-B", info.TransitChannel), ("-T", info.TransitAddress),
                     ("-b", info.TargetChannel), ("-t", info.TargetAddress),
                 })
        {
            if (!string.IsNullOrEmpty(value))
            {
                yield return option;
                yield return value;
            }
        }

        var (retries, interval) = Timing();
        yield return "-R";
        yield return retries.ToString(CultureInfo.InvariantCulture);
        yield return "-N";
        yield return interval.ToString(CultureInfo.InvariantCulture);
        if (options.Debug)
        {
            yield return "-v";
        }

        yield return "-E";
    }

    /// <summary>ipmitool's own retries: one when we retry ourselves, else as many as fit the retry timeout (Ironic's arithmetic).</summary>
    private (int Retries, int Interval) Timing()
    {
        var interval = Math.Max(1, (int)Math.Ceiling(options.MinCommandInterval.TotalSeconds));
        if (!options.UseIpmitoolRetries)
        {
            return (1, interval);
        }

        var timeout = options.CommandRetryTimeout.TotalSeconds;
        var (tries, duration, next) = (0, 0, interval);
        while (duration + next <= timeout)
        {
            duration += next;
            next++;
            tries++;
        }

        return (tries, interval);
    }

    /// <summary>
    /// What one run may take before it is killed: never less than ipmitool's own retries need (-R/-N, its
    /// timeout growing a second per retry, plus start-up), and with kill_on_timeout no more than that or
    /// the retry timeout; without it, both together. Either way a silent BMC cannot hold a worker for ever.
    /// </summary>
    private TimeSpan HardLimit()
    {
        var (retries, interval) = Timing();
        var ipmitoolBudget = TimeSpan.FromSeconds(((retries + 1) * (interval + retries)) + 2);
        return options.KillOnTimeout
            ? (options.CommandRetryTimeout > ipmitoolBudget ? options.CommandRetryTimeout : ipmitoolBudget)
            : options.CommandRetryTimeout + ipmitoolBudget;
    }

    private async Task<IpmitoolResult> RunAsync(IpmiDriverInfo info, IReadOnlyList<string> words, CancellationToken ct)
    {
        using var process = new Process { StartInfo = CreateStartInfo(info, words) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new IpmiFailure(string.Join(' ', words),
                $"{options.IpmitoolPath} could not be started ({e.Message}); install ipmitool on the conductor host.");
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var limit = HardLimit();
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            return new IpmitoolResult(-1, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), TimedOut: true, limit);
        }

        return new IpmitoolResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), TimedOut: false, limit);
    }

    private static string Explain(IpmiDriverInfo info, IpmitoolResult result, string output, int attempts, TimeSpan elapsed)
    {
        var what = result.TimedOut
            ? $"ipmitool did not finish within {result.Limit.TotalSeconds:0.#} s and was stopped"
            : $"ipmitool exited with code {result.ExitCode} ({LastLines(output)})";
        var hint = result.TimedOut || output.Contains("Unable to establish", StringComparison.Ordinal)
            || output.Contains("session", StringComparison.OrdinalIgnoreCase)
            ? $" The BMC at {info.Bmc} did not answer: check ipmi_address and ipmi_port, that it is reachable over UDP from this " +
              "conductor, ipmi_username/ipmi_password/ipmi_priv_level, and ipmi_cipher_suite (3 or 17)."
            : "";
        return $"BMC {info.Bmc}: {what}; {attempts} attempt(s) in {elapsed.TotalSeconds:0.0} s.{hint}";
    }

    /// <summary>Removes the password from ipmitool's output before it goes anywhere.</summary>
    internal static string Redact(string text, string password) =>
        string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);

    private static string LastLines(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("Loading IANA PEN Registry", StringComparison.Ordinal))
            .TakeLast(3);
        var text = string.Join(" / ", lines);
        return text.Length > 400 ? text[^400..] : text.Length == 0 ? "no output" : text;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "ipmitool {Command} on {Bmc} for node {Node} took {Milliseconds:0} ms")]
    private static partial void LogCommandDone(ILogger logger, string command, string bmc, string node, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IPMI error on {Bmc} for node {Node}, retrying \"{Command}\" (attempt {Attempt}): {Error}")]
    private static partial void LogRetrying(ILogger logger, string command, string bmc, string node, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "IPMI error while attempting \"{Command}\" on {Bmc} for node {Node}: {Error}")]
    private static partial void LogCommandFailed(ILogger logger, string command, string bmc, string node, string error);
}
