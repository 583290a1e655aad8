using System.Diagnostics;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// Runs a build tool (<c>dotnet pack</c>, <c>dotnet new</c>, a repository script) for a fixture, with no
/// input, telemetry or first-run banner, and fails with its whole output when it fails or overruns.
/// </summary>
internal static class ToolRunner
{
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Scripts call `dotnet` by name: the host running these tests comes first.
        var host = IronicProcess.DotnetHost();
        if (Path.IsPathRooted(host))
        {
            start.Environment["PATH"] = Path.GetDirectoryName(host) + Path.PathSeparator + start.Environment["PATH"];
        }

        var command = $"{fileName} {string.Join(' ', start.ArgumentList)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"`{command}` (in {workingDirectory}) did not finish within {timeout.TotalMinutes} min:\n{await stdout}\n{await stderr}");
        }

        var output = $"{await stdout}\n{await stderr}";
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"`{command}` (in {workingDirectory}) failed with exit code {process.ExitCode}:\n{output}");
    }
}
