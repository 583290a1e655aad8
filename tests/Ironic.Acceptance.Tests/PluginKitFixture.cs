using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// The plugin author's path, end to end: <c>scripts/pack-kit.sh</c> packs the contract and the template into a
/// temp feed; <c>dotnet new install</c> (into a private template hive, leaving the user's alone) and
/// <c>dotnet new ironic-driver</c> create a plugin in an empty directory outside the repository, which
/// <c>dotnet build</c> builds against the packed Ironic.Drivers; then an <c>ironic all</c> of its own loads it
/// through <c>plugin_dirs</c> with its hardware type enabled and its job poll at 1 s.
/// </summary>
public sealed class PluginKitFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string Host = "acceptance-kit-host";

    /// <summary>The hardware type, power and management interfaces the created plugin registers (<c>--driver-name</c>).</summary>
    public const string DriverName = "contoso";

    /// <summary>The created project (<c>-n</c>): its classes are ContosoKit*, its DLL Contoso.Kit.dll.</summary>
    public const string ProjectName = "Contoso.Kit";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(5);

    // Outside the repository: no Directory.Build.props, Directory.Packages.props or nuget.config of ours applies.
    private readonly string root = Path.Combine(Path.GetTempPath(), "ironic-acceptance-kit-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// A version of the contract no other run packs: NuGet caches a package version once per machine, so a
    /// fixed 0.1.0 would be restored from that cache, not from what this run packed.
    /// </summary>
    public string ContractVersion { get; } = $"{RepositoryVersions.Contract()}-acc{Guid.NewGuid().ToString("N")[..12]}";

    public IronicProcess Server { get; private set; } = null!;

    public string Feed => Path.Combine(root, "feed");

    /// <summary>What <c>dotnet new ironic-driver</c> created.</summary>
    public string ProjectDir => Path.Combine(root, "work", ProjectName);

    public string PluginDir => Path.Combine(root, "plugins");

    /// <summary>Pack, template install and create, build: the author's time before ironic starts.</summary>
    public TimeSpan PrepareTime { get; private set; }

    public BaremetalCli Cli(ITestOutputHelper output) => new(Server, output);

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var repo = PluginServerFixture.RepositoryRoot();
        var hive = Path.Combine(root, "template-hive");
        var work = Path.Combine(root, "work");
        Directory.CreateDirectory(work);
        var dotnet = IronicProcess.DotnetHost();

        await ToolRunner.RunAsync("bash", ["scripts/pack-kit.sh", Feed, "--version-suffix", ContractVersion.Split('-', 2)[1]], repo, ToolTimeout);
        var template = Path.Combine(Feed, $"Ironic.Driver.Templates.{ContractVersion}.nupkg");
        await ToolRunner.RunAsync(dotnet, ["new", "install", template, "--debug:custom-hive", hive], work, ToolTimeout);

        // The author's NuGet configuration: the local feed beside the sources already configured (nuget.org or a mirror).
        await File.WriteAllTextAsync(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="ironic-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        await ToolRunner.RunAsync(dotnet,
            ["new", "ironic-driver", "-n", ProjectName, "--driver-name", DriverName, "--ironic-version", ContractVersion,
             "--debug:custom-hive", hive, "--no-update-check"],
            work, ToolTimeout);
        // No MSBuild node or compiler server left running after the tests.
        await ToolRunner.RunAsync(dotnet,
            ["build", ProjectDir, "-c", "Release", "-o", Path.Combine(PluginDir, ProjectName), "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            work, ToolTimeout);
        PrepareTime = clock.Elapsed;

        Server = await IronicProcess.StartAsync(new IronicServerSettings
        {
            Host = Host,
            ExtraDefaultConfig = $"""
                enabled_hardware_types = fake-hardware,{DriverName}
                enabled_power_interfaces = fake,{DriverName}
                enabled_management_interfaces = fake,{DriverName}
                plugin_dirs = {PluginDir}
                """,
            // The template's options: jobs polled every second, so the flows take seconds.
            ExtraSections = $"""
                [{DriverName}]
                job_poll_interval = 1
                job_duration = 2
                """,
        });
        diagnostics.OnMessage(new DiagnosticMessage(
            $"Acceptance: packed the kit, created and built {ProjectName} from the ironic-driver template in "
            + $"{PrepareTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; started `ironic all` with it on {Server.Endpoint}"));
    }

    public Task DisposeAsync()
    {
        Server?.Dispose();
        DeleteBestEffort(root);
        // The run's own contract version, extracted into the machine's package cache by the plugin's restore.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        DeleteBestEffort(Path.Combine(packages, "ironic.drivers", ContractVersion));
        return Task.CompletedTask;
    }

    private static void DeleteBestEffort(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The kit's versions as the repository states them.</summary>
internal static class RepositoryVersions
{
    /// <summary>VersionPrefix of src/Ironic.Drivers/Ironic.Drivers.csproj.</summary>
    public static string Contract() => VersionPrefix(Path.Combine("src", "Ironic.Drivers", "Ironic.Drivers.csproj"));

    /// <summary>VersionPrefix of the template package's project.</summary>
    public static string TemplatePackage() =>
        VersionPrefix(Path.Combine("templates", "Ironic.Driver.Templates", "Ironic.Driver.Templates.csproj"));

    private static string VersionPrefix(string project)
    {
        var text = File.ReadAllText(Path.Combine(PluginServerFixture.RepositoryRoot(), project));
        var match = System.Text.RegularExpressions.Regex.Match(text, "<VersionPrefix>([^<]+)</VersionPrefix>");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No VersionPrefix in {project}.");
    }
}
