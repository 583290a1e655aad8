using Ironic.Common.Config;
using Ironic.Conductor.Loading;
using Ironic.Conductor.Tests.TestPlugins;
using Ironic.Drivers;

namespace Ironic.Conductor.Tests;

/// <summary>Plugins receive the host's configuration through a constructor taking <see cref="IDriverServices"/>.</summary>
public sealed class DriverServicesTests
{
    private static readonly (string, string) EnableConfigured = ("IRONIC_DEFAULT__ENABLED_POWER_INTERFACES", "fake,configured");

    [Fact]
    public void PluginOption_IsReadFromTheConfigurationAndNotReportedUnknown()
    {
        var options = DriverTestSupport.Options(EnableConfigured, ("IRONIC_CONFIGURED__RETRIES", "7"), ("IRONIC_CONFIGURED__TYPO", "1"));

        var registry = new DriverRegistry(DriverTestSupport.Catalog(withTestPlugins: true), options);

        var power = Assert.IsType<ConfiguredPower>(registry.Interfaces(InterfaceKind.Power)["configured"]);
        Assert.Equal(7, power.Retries);
        Assert.Equal("driver-tests", power.Host);
        Assert.Equal(["[configured] typo"], options.Unknown);
    }

    [Fact]
    public void MalformedPluginOption_StopsStartUpNamingTheOption()
    {
        var options = DriverTestSupport.Options(EnableConfigured, ("IRONIC_CONFIGURED__RETRIES", "many"));

        var e = Assert.Throws<ConfigError>(() => new DriverRegistry(DriverTestSupport.Catalog(withTestPlugins: true), options));

        Assert.Contains("Invalid value 'many' for option [configured] retries", e.Message, StringComparison.Ordinal);
    }
}
