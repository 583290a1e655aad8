using System.Runtime.Loader;
using Ironic.Conductor.Loading;
using Ironic.Conductor.Tests.TestPlugins;
using Ironic.Drivers;
using Ironic.Drivers.Fake;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Tests;

public sealed class DriverCatalogTests : IDisposable
{
    private readonly PluginFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Discover_PluginFolder_FindsItsHardwareTypesAndInterfaces()
    {
        var dir = folder.PathOf("plugins");
        var dll = folder.AddFakePlugin(dir);

        var catalog = DriverCatalog.Discover([dir]);

        Assert.Empty(catalog.Problems);
        Assert.Equal(["fake-hardware", "manual-management"], catalog.Names(DriverCatalog.HardwareTypeKind));
        Assert.Equal(["fake"], catalog.Names(InterfaceKind.Power));
        Assert.Equal(["fake", "noop"], catalog.Names(InterfaceKind.Management));
        Assert.Equal(["flat", "noop"], catalog.Names(InterfaceKind.Network));
        Assert.Equal(["fake", "no-raid"], catalog.Names(InterfaceKind.Raid));
        var power = catalog.Find(InterfaceKind.Power, "fake");
        Assert.NotNull(power);
        Assert.Equal(InterfaceKind.Power, power.Kind);
        Assert.Equal(typeof(FakePower).FullName, power.Type.FullName);
        Assert.Equal(dll, power.Source);
        Assert.Null(catalog.Find(InterfaceKind.Power, "ipmitool"));
    }

    [Fact]
    public void Discover_PluginTypes_LiveInTheirOwnLoadContext_YetShareTheContract()
    {
        var dir = folder.PathOf("plugins");
        folder.AddFakePlugin(dir);

        var catalog = DriverCatalog.Discover([dir]);

        var entry = catalog.Find(DriverCatalog.HardwareTypeKind, "fake-hardware")!;
        var context = AssemblyLoadContext.GetLoadContext(entry.Type.Assembly);
        Assert.NotNull(context);
        Assert.NotSame(AssemblyLoadContext.Default, context);
        // The host's own copy (the test project references the plugin) is a different type...
        Assert.NotEqual(typeof(FakeHardware), entry.Type);
        // ...but the contract is the host's, so the plugin's classes are the host's HardwareType.
        Assert.True(Activator.CreateInstance(entry.Type) is HardwareType);
        var power = catalog.Find(InterfaceKind.Power, "fake")!;
        Assert.True(Activator.CreateInstance(power.Type) is PowerInterface);
        Assert.Same(typeof(HardwareType).Assembly, entry.Type.BaseType!.BaseType!.Assembly);
    }

    [Fact]
    public void Discover_ThenRegistry_BuildsADriverFromTheLoadedPlugin()
    {
        var dir = folder.PathOf("plugins");
        folder.AddFakePlugin(dir);
        var catalog = DriverCatalog.Discover([dir]);
        var registry = new DriverRegistry(catalog, DriverTestSupport.Options(("IRONIC_DEFAULT__PLUGIN_DIRS", dir)));
        var node = new Node { Uuid = Guid.NewGuid().ToString("D"), Driver = "fake-hardware" };

        registry.CheckAndUpdateNodeInterfaces(node);
        var driver = (ComposedDriver)registry.Build(node);

        Assert.Equal("fake", node.PowerInterface);
        Assert.Equal(typeof(FakePower).FullName, driver.Power.GetType().FullName);
        Assert.NotEqual(typeof(FakePower), driver.Power.GetType());
        Assert.True(driver.HardwareType.AcceptsAnyInterface);
    }

    [Fact]
    public void Discover_BrokenPlugin_IsReportedAndTheOthersStillLoad()
    {
        var dir = folder.PathOf("plugins");
        var broken = PluginFolder.AddBrokenPlugin(dir, "Broken");
        folder.AddFakePlugin(dir);

        var catalog = DriverCatalog.Discover([dir]);

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal(broken, problem.Source);
        Assert.StartsWith("cannot be loaded: ", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(["fake-hardware", "manual-management"], catalog.Names(DriverCatalog.HardwareTypeKind));
    }

    [Fact]
    public void Discover_BrokenTopLevelDll_IsReportedAndTheOthersStillLoad()
    {
        var dir = folder.PathOf("plugins");
        Directory.CreateDirectory(dir);
        var stray = Path.Combine(dir, "stray.dll");
        File.WriteAllBytes(stray, System.Security.Cryptography.RandomNumberGenerator.GetBytes(512));
        folder.AddFakePlugin(dir);

        var catalog = DriverCatalog.Discover([dir]);

        Assert.Equal(stray, Assert.Single(catalog.Problems).Source);
        Assert.NotNull(catalog.Find(InterfaceKind.Power, "fake"));
    }

    [Fact]
    public void Discover_TopLevelDll_IsLoadedLikeAPluginFolder()
    {
        var dir = folder.PathOf("flat");
        Directory.CreateDirectory(dir);
        var dll = Path.Combine(dir, "Ironic.Drivers.Fake.dll");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Ironic.Drivers.Fake.dll"), dll);

        var catalog = DriverCatalog.Discover([dir]);

        Assert.Empty(catalog.Problems);
        Assert.Equal(dll, catalog.Find(DriverCatalog.HardwareTypeKind, "manual-management")!.Source);
    }

    [Fact]
    public void Discover_SamePluginInTwoDirectories_FirstWinsAndEverySecondNameIsReported()
    {
        var first = folder.PathOf("first");
        var second = folder.PathOf("second");
        var firstDll = folder.AddFakePlugin(first);
        var secondDll = folder.AddFakePlugin(second);

        var catalog = DriverCatalog.Discover([first, second]);

        Assert.All(catalog.Entries, e => Assert.Equal(firstDll, e.Source));
        Assert.Equal(catalog.Entries.Count(), catalog.Problems.Count);
        Assert.All(catalog.Problems, p => Assert.Equal(secondDll, p.Source));
        Assert.Contains(catalog.Problems, p => p.Reason ==
            $"Ironic.Drivers.Fake.FakeHardware declares hardware-type 'fake-hardware', already provided by Ironic.Drivers.Fake.FakeHardware from {firstDll}; skipped");
        Assert.Contains(catalog.Problems, p => p.Reason.StartsWith("Ironic.Drivers.Fake.FakePower declares power 'fake'", StringComparison.Ordinal));
    }

    [Fact]
    public void Discover_MissingDirectory_IsAProblemNotAnException()
    {
        var missing = folder.PathOf("nowhere");
        var dir = folder.PathOf("plugins");
        folder.AddFakePlugin(dir);

        var catalog = DriverCatalog.Discover([missing, dir]);

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal(missing, problem.Source);
        Assert.Equal("plugin directory does not exist", problem.Reason);
        Assert.NotNull(catalog.Find(DriverCatalog.HardwareTypeKind, "fake-hardware"));
    }

    [Fact]
    public void Discover_SameDirectoryListedTwice_IsScannedOnce()
    {
        var dir = folder.PathOf("plugins");
        folder.AddFakePlugin(dir);

        var catalog = DriverCatalog.Discover([dir, dir + Path.DirectorySeparatorChar]);

        Assert.Empty(catalog.Problems);
    }

    [Fact]
    public void Discover_EmptyDirectory_FindsNothingAndReportsNothing()
    {
        var dir = folder.PathOf("empty");
        Directory.CreateDirectory(dir);

        var catalog = DriverCatalog.Discover([dir]);

        Assert.Empty(catalog.Problems);
        Assert.Empty(catalog.Entries);
    }

    [Fact]
    public void Add_ClassWithoutParameterlessConstructor_IsReportedAndSkipped()
    {
        var catalog = DriverTestSupport.Catalog(withTestPlugins: true);

        Assert.Null(catalog.Find(InterfaceKind.Power, "needs-arguments"));
        Assert.Contains(catalog.Problems, p => p.Source == "test-plugins"
            && p.Reason == $"{typeof(NeedsArgumentsPower).FullName} has no public constructor taking nothing or IDriverServices; skipped");
        Assert.Equal(typeof(TestPower), catalog.Find(InterfaceKind.Power, "test-power")!.Type);
    }

    [Fact]
    public void Add_NameAlreadyTaken_KeepsTheFirstAndReportsTheSecond()
    {
        var catalog = DriverTestSupport.Catalog(withTestPlugins: true);

        Assert.Equal(typeof(FakePower), catalog.Find(InterfaceKind.Power, "fake")!.Type);
        Assert.Contains(catalog.Problems, p => p.Source == "test-plugins"
            && p.Reason == $"{typeof(ShadowFakePower).FullName} declares power 'fake', already provided by {typeof(FakePower).FullName} from fake-plugin; skipped");
        Assert.Equal(2, catalog.Problems.Count);
    }
}
