using System.Reflection;
using Ironic.Common.Config;
using Ironic.Conductor.Loading;
using Ironic.Drivers.Fake;

namespace Ironic.Conductor.Tests;

/// <summary>Options and driver registries for the driver-model tests.</summary>
internal static class DriverTestSupport
{
    public static readonly Assembly FakePlugin = typeof(FakeHardware).Assembly;

    /// <summary>The test assembly, registering <c>test-power</c> plus two classes discovery must skip.</summary>
    public static readonly Assembly TestPlugins = typeof(TestPlugins.TestPower).Assembly;

    /// <summary>Options as loaded from an environment holding only <paramref name="settings"/> (plus host and state path).</summary>
    public static IronicOptions Options(params (string Key, string Value)[] settings)
    {
        var env = new Dictionary<string, string>
        {
            ["IRONIC_DEFAULT__HOST"] = "driver-tests",
            ["IRONIC_DEFAULT__STATE_PATH"] = Path.Combine(Path.GetTempPath(), "ironic-driver-tests"),
        };
        foreach (var (key, value) in settings)
        {
            env[key] = value;
        }

        return IronicOptions.Load([], env);
    }

    /// <summary>The fake plugin, registered as discovery would; with the test plugins after it when asked.</summary>
    public static DriverCatalog Catalog(bool withTestPlugins = false)
    {
        var catalog = new DriverCatalog();
        catalog.Add(FakePlugin, "fake-plugin");
        if (withTestPlugins)
        {
            catalog.Add(TestPlugins, "test-plugins");
        }

        return catalog;
    }

    public static DriverRegistry Registry(bool withTestPlugins, params (string Key, string Value)[] settings) =>
        new(Catalog(withTestPlugins), Options(settings));

    public static DriverRegistry Registry(params (string Key, string Value)[] settings) => Registry(false, settings);
}
