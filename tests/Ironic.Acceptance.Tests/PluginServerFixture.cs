using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// Its own <c>ironic all</c> (own temp state and port) with the out-of-tree sample plugin
/// <c>samples/MyHardware</c> built the way a third party builds it
/// (<c>dotnet build samples/MyHardware -c Release -o &lt;temp&gt;/plugins/MyHardware</c>) and enabled in
/// ironic.conf through <c>plugin_dirs</c> and the enabled_* options.
/// </summary>
public sealed class PluginServerFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string Host = "acceptance-plugin-host";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);

    private readonly string root = Path.Combine(Path.GetTempPath(), "ironic-acceptance-plugins-" + Guid.NewGuid().ToString("N"));

    public IronicProcess Server { get; private set; } = null!;

    /// <summary>The <c>plugin_dirs</c> entry: holds MyHardware/ with the build output.</summary>
    public string PluginDir => Path.Combine(root, "plugins");

    /// <summary>How long the plugin's <c>dotnet build</c> took.</summary>
    public TimeSpan BuildTime { get; private set; }

    public BaremetalCli Cli(ITestOutputHelper output) => new(Server, output);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PluginDir);
        var clock = Stopwatch.StartNew();
        await BuildSampleAsync(Path.Combine(PluginDir, "MyHardware"));
        BuildTime = clock.Elapsed;

        Server = await IronicProcess.StartAsync(new IronicServerSettings
        {
            Host = Host,
            ExtraDefaultConfig = $"""
                enabled_hardware_types = fake-hardware,manual-management,my-hardware
                enabled_power_interfaces = fake,my-power
                enabled_management_interfaces = fake,noop,my-management
                enabled_vendor_interfaces = fake,no-vendor,example-vendor
                plugin_dirs = {PluginDir}
                """,
        });
        diagnostics.OnMessage(new DiagnosticMessage(
            $"Acceptance: built samples/MyHardware in {BuildTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; started `ironic all` "
            + $"with it on {Server.Endpoint}; launch to first answer of GET / took "
            + $"{Server.StartupTime.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s"));
    }

    public Task DisposeAsync()
    {
        Server?.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort, as for the server's state directory.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>The repository root: the directory above the tests holding Ironic.slnx.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ironic.slnx")) && Directory.Exists(Path.Combine(dir.FullName, "samples", "MyHardware")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Ironic.slnx with samples/MyHardware above {AppContext.BaseDirectory}.");
    }

    private static async Task BuildSampleAsync(string output)
    {
        var project = Path.Combine(RepositoryRoot(), "samples", "MyHardware");
        // Others may build the same projects at the same moment; a lost file lock is worth a second try.
        for (var attempt = 1; ; attempt++)
        {
            var (exitCode, log) = await RunDotnetBuildAsync(project, output);
            if (exitCode == 0)
            {
                if (!File.Exists(Path.Combine(output, "MyHardware.dll")))
                {
                    throw new InvalidOperationException($"dotnet build {project} succeeded but wrote no MyHardware.dll to {output}:\n{log}");
                }

                return;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"dotnet build {project} -c Release -o {output} failed (exit {exitCode}):\n{log}");
            }

            await Task.Delay(TimeSpan.FromSeconds(10));
        }
    }

    private static async Task<(int ExitCode, string Log)> RunDotnetBuildAsync(string project, string output)
    {
        var start = new ProcessStartInfo(IronicProcess.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // nodeReuse/UseSharedCompilation off: leave no MSBuild node or compiler server running after the tests.
        foreach (var arg in (string[])["build", project, "-c", "Release", "-o", output, "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet build.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(BuildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {BuildTimeout.TotalMinutes} min\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }
}
