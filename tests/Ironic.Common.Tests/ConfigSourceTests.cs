using Ironic.Common.Config;

namespace Ironic.Common.Tests;

public sealed class ConfigSourceTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly TempConfigFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Int_WhenMalformed_ThrowsNamingOptionFileAndLine()
    {
        var path = files.Write("ironic.conf", "[DEFAULT]", "debug = false", "[api]", "port = abc");
        var source = new ConfigSource([path], NoEnvironment);

        var e = Assert.Throws<ConfigError>(() => source.Int("api", "port", 6385, 0, 65535));

        Assert.Equal($"Invalid value 'abc' for option [api] port in {path}:4: expected an integer between 0 and 65535.", e.Message);
    }

    [Fact]
    public void Int_WhenOutOfRange_ThrowsNamingTheRange()
    {
        var path = files.Write("ironic.conf", "[api]", "port = 70000");
        var source = new ConfigSource([path], NoEnvironment);

        var e = Assert.Throws<ConfigError>(() => source.Int("api", "port", 6385, 0, 65535));

        Assert.Contains("'70000'", e.Message, StringComparison.Ordinal);
        Assert.Contains("between 0 and 65535", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Int_WhenMalformedInEnvironment_NamesTheVariable()
    {
        var source = new ConfigSource([], new Dictionary<string, string> { ["IRONIC_API__PORT"] = "http" });

        var e = Assert.Throws<ConfigError>(() => source.Int("api", "port", 6385, 0, 65535));

        Assert.Contains("[api] port", e.Message, StringComparison.Ordinal);
        Assert.Contains("environment variable IRONIC_API__PORT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Getters_WhenOptionAbsent_ReturnDefaults()
    {
        var source = new ConfigSource([], NoEnvironment);

        Assert.Equal(6385, source.Int("api", "port", 6385));
        Assert.Equal(1.5, source.Float("conductor", "node_locked_retry_interval", 1.5));
        Assert.True(source.Bool("DEFAULT", "use_stderr", true));
        Assert.Equal("x", source.String("api", "host_ip", "x"));
        Assert.Null(source.OptionalString("api", "public_endpoint"));
        Assert.Equal(["a"], source.List("DEFAULT", "enabled_hardware_types", ["a"]));
    }

    [Fact]
    public void Environment_OverridesFileValues()
    {
        var path = files.Write("ironic.conf", "[api]", "port = 7000", "host_ip = 10.0.0.1");
        var source = new ConfigSource([path], new Dictionary<string, string> { ["IRONIC_API__PORT"] = "8000" });

        Assert.Equal(8000, source.Int("api", "port", 6385));
        Assert.Equal("10.0.0.1", source.String("api", "host_ip", "127.0.0.1"));
    }

    [Fact]
    public void LaterFiles_OverrideEarlierOnes()
    {
        var first = files.Write("a.conf", "[api]", "port = 7000", "max_limit = 10");
        var second = files.Write("b.conf", "[api]", "port = 7001");
        var source = new ConfigSource([first, second], NoEnvironment);

        Assert.Equal(7001, source.Int("api", "port", 6385));
        Assert.Equal(10, source.Int("api", "max_limit", 1000));
    }

    [Fact]
    public void Environment_IgnoresVariablesWithoutSectionSeparatorOrPrefix()
    {
        var source = new ConfigSource([], new Dictionary<string, string>
        {
            ["IRONIC_STATE_PATH"] = "/somewhere",
            ["PATH"] = "/usr/bin",
            ["IRONIC_DEFAULT__HOST"] = "conductor-1",
        });

        Assert.Equal("conductor-1", source.String("DEFAULT", "host", "other"));
        Assert.Empty(source.UnknownOptions());
    }

    [Fact]
    public void OptionNames_AreCaseInsensitive()
    {
        var path = files.Write("ironic.conf", "[default]", "Host = from-file");
        var source = new ConfigSource([path], NoEnvironment);

        Assert.Equal("from-file", source.String("DEFAULT", "host", "x"));
    }

    [Fact]
    public void IniFile_HandlesCommentsQuotesAndContinuationLines()
    {
        var path = files.Write("ironic.conf",
            "# a comment",
            "; another comment",
            "[DEFAULT]",
            "enabled_hardware_types = ipmi,",
            "    redfish",
            "host = \"quoted-host\"",
            "",
            "[api]",
            "public_endpoint = 'http://example.com:6385/'");
        var source = new ConfigSource([path], NoEnvironment);

        Assert.Equal(["ipmi", "redfish"], source.List("DEFAULT", "enabled_hardware_types", []));
        Assert.Equal("quoted-host", source.String("DEFAULT", "host", "x"));
        Assert.Equal("http://example.com:6385/", source.String("api", "public_endpoint", ""));
    }

    [Fact]
    public void IniFile_WhenOptionBeforeSection_ThrowsNamingFileAndLine()
    {
        var path = files.Write("ironic.conf", "# header", "port = 1", "[api]");

        var e = Assert.Throws<ConfigError>(() => new ConfigSource([path], NoEnvironment));

        Assert.Contains($"{path}:2", e.Message, StringComparison.Ordinal);
        Assert.Contains("'port'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IniFile_WhenLineIsNotAnOption_ThrowsNamingFileAndLine()
    {
        var path = files.Write("ironic.conf", "[api]", "port 6385");

        var e = Assert.Throws<ConfigError>(() => new ConfigSource([path], NoEnvironment));

        Assert.Contains($"{path}:2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IniFile_WhenMissing_ThrowsNamingThePath()
    {
        var missing = files.PathOf("missing.conf");

        var e = Assert.Throws<ConfigError>(() => new ConfigSource([missing], NoEnvironment));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("No", false)]
    [InlineData("off", false)]
    [InlineData("0", false)]
    public void Bool_AcceptsOsloSpellings(string raw, bool expected)
    {
        var source = new ConfigSource([], new Dictionary<string, string> { ["IRONIC_DEFAULT__DEBUG"] = raw });

        Assert.Equal(expected, source.Bool("DEFAULT", "debug", !expected));
    }

    [Fact]
    public void Bool_WhenMalformed_ThrowsNamingOption()
    {
        var path = files.Write("ironic.conf", "[DEFAULT]", "debug = maybe");
        var source = new ConfigSource([path], NoEnvironment);

        var e = Assert.Throws<ConfigError>(() => source.Bool("DEFAULT", "debug", false));

        Assert.Equal($"Invalid value 'maybe' for option [DEFAULT] debug in {path}:2: expected a boolean (true or false).", e.Message);
    }

    [Fact]
    public void Choice_WhenNotAChoice_ListsTheChoices()
    {
        var source = new ConfigSource([], new Dictionary<string, string> { ["IRONIC_DEFAULT__AUTH_STRATEGY"] = "ldap" });

        var e = Assert.Throws<ConfigError>(() => source.Choice("DEFAULT", "auth_strategy", "noauth", "noauth", "keystone"));

        Assert.Contains("one of noauth, keystone", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float_ParsesInvariantCultureAndRejectsBelowMinimum()
    {
        var ok = new ConfigSource([], new Dictionary<string, string> { ["IRONIC_CONDUCTOR__NODE_LOCKED_RETRY_INTERVAL"] = "0.25" });
        var negative = new ConfigSource([], new Dictionary<string, string> { ["IRONIC_CONDUCTOR__NODE_LOCKED_RETRY_INTERVAL"] = "-1" });

        Assert.Equal(0.25, ok.Float("conductor", "node_locked_retry_interval", 1, 0));
        var e = Assert.Throws<ConfigError>(() => negative.Float("conductor", "node_locked_retry_interval", 1, 0));
        Assert.Contains("[conductor] node_locked_retry_interval", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void List_SplitsOnCommasAndDropsEmptyEntries()
    {
        var source = new ConfigSource([], new Dictionary<string, string> { ["IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES"] = " ipmi , ,redfish," });

        Assert.Equal(["ipmi", "redfish"], source.List("DEFAULT", "enabled_hardware_types", []));
    }

    [Fact]
    public void Values_InterpolateStatePathInBothForms()
    {
        var path = files.Write("ironic.conf",
            "[DEFAULT]",
            "state_path = /srv/ironic",
            "[database]",
            "connection = sqlite:///$state_path/ironic.sqlite",
            "[pxe]",
            "tftp_root = ${state_path}/tftp");
        var source = new ConfigSource([path], NoEnvironment);

        Assert.Equal("sqlite:////srv/ironic/ironic.sqlite", source.String("database", "connection", ""));
        Assert.Equal("/srv/ironic/tftp", source.String("pxe", "tftp_root", ""));
    }

    [Fact]
    public void Values_InterpolateFromOwnSectionBeforeDefault_AndLeaveUnknownReferences()
    {
        var path = files.Write("ironic.conf",
            "[DEFAULT]",
            "name = from-default",
            "[x]",
            "name = from-section",
            "a = $name",
            "b = $nosuchoption");
        var source = new ConfigSource([path], NoEnvironment);

        Assert.Equal("from-section", source.String("x", "a", ""));
        Assert.Equal("$nosuchoption", source.String("x", "b", ""));
    }

    [Fact]
    public void Values_WithSelfReference_DoNotLoopForever()
    {
        var source = new ConfigSource([], new Dictionary<string, string> { ["IRONIC_X__A"] = "$a" });

        Assert.Equal("$a", source.String("x", "a", ""));
    }

    [Fact]
    public void UnknownOptions_ListsOnlyOptionsNobodyAskedFor_SortedOnce()
    {
        var path = files.Write("ironic.conf", "[api]", "port = 7000", "zeta = 1", "[DEFAULT]", "alpha = 1", "alpha = 2");
        var source = new ConfigSource([path], new Dictionary<string, string> { ["IRONIC_API__ZETA"] = "2" });

        _ = source.Int("api", "port", 6385);

        Assert.Equal(["[DEFAULT] alpha", "[api] zeta"], source.UnknownOptions());
    }
}
