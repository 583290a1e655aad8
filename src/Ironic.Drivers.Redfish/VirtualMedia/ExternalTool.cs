using System.Diagnostics;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// Runs the Debian tools an ISO is built with. A missing tool fails naming the Debian package that
/// provides it, so the operator knows what to install; a failing one fails with its error output.
/// </summary>
internal static class ExternalTool
{
    // /usr/sbin and /sbin: mkfs.vfat lives there and an unprivileged service's PATH often lacks them.
    private static readonly string[] ExtraDirs = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>The tool's full path.</summary>
    /// <exception cref="ImageCreationFailed">Not installed.</exception>
    public static string Find(string name, string package)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraDirs)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        return path ?? throw new ImageCreationFailed(
            $"the tool {name} was not found on conductor {Environment.MachineName}; install the Debian package {package} (apt-get install {package})");
    }

    /// <summary>Requires a file a package installs.</summary>
    public static void RequireFile(string path, string package)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new ImageCreationFailed($"{path} was not found on conductor {Environment.MachineName}; install the Debian package {package} (apt-get install {package})");
        }
    }

    public static async Task RunAsync(string name, string package, IEnumerable<string> args, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Find(name, package))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // mtools refuses images it thinks are not FAT; this keeps its sanity checks quiet for our fresh ones.
        start.Environment["MTOOLS_SKIP_CHECK"] = "1";
        using var process = Process.Start(start) ?? throw new ImageCreationFailed($"{name} could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new ImageCreationFailed($"{name} did not finish within {timeout.TotalSeconds} seconds");
        }

        var error = (await stderr.ConfigureAwait(false)).Trim();
        _ = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new ImageCreationFailed($"{name} exited with code {process.ExitCode}: {Tail(error)}");
        }
    }

    private static string Tail(string text) => text.Length <= 800 ? text : "..." + text[^800..];
}
