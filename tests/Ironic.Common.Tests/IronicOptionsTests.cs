using Ironic.Common.Config;

namespace Ironic.Common.Tests;

public sealed class IronicOptionsTests : IDisposable
{
    private readonly TempConfigFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Load_WithNothing_GivesIronicDefaults()
    {
        var options = IronicOptions.Load([], new Dictionary<string, string> { ["IRONIC_DEFAULT__STATE_PATH"] = "/srv/state" });

        Assert.Equal("127.0.0.1", options.Api.HostIp);
        Assert.Equal(6385, options.Api.Port);
        Assert.Equal(1000, options.Api.MaxLimit);
        Assert.Null(options.Api.PublicEndpoint);
        Assert.Equal("noauth", options.Default.AuthStrategy);
        Assert.Equal(["fake-hardware", "manual-management"], options.Default.EnabledHardwareTypes);
        Assert.Equal(3, options.Conductor.NodeLockedRetryAttempts);
        Assert.Equal(1, options.Conductor.NodeLockedRetryInterval);
        Assert.Equal("sqlite:///" + Path.Combine("/srv/state", "ironic.sqlite"), options.Database.Connection);
        Assert.Empty(options.Unknown);
    }

    [Fact]
    public void Load_TakesStatePathDefaultFromTheGivenEnvironment()
    {
        // IRONIC_STATE_PATH (README: the default of [DEFAULT] state_path) must come from the environment
        // Load was given, like every other variable, not from the process behind the caller's back.
        var path = files.Write("ironic.conf", "[pxe]", "tftp_root = $state_path/tftp");
        var options = IronicOptions.Load([path], new Dictionary<string, string> { ["IRONIC_STATE_PATH"] = "/from-env" });
        var source = new ConfigSource([path], new Dictionary<string, string> { ["IRONIC_STATE_PATH"] = "/from-env" });

        Assert.Equal("/from-env", options.Default.StatePath);
        Assert.Equal("sqlite:////from-env/ironic.sqlite", options.Database.Connection);
        Assert.Equal("/from-env/tftp", source.String("pxe", "tftp_root", ""));
    }

    [Fact]
    public void Load_BindsEverySectionFromFileAndEnvironment()
    {
        var path = files.Write("ironic.conf",
            "[DEFAULT]",
            "host = conductor-7",
            "state_path = /srv/ironic",
            "enabled_hardware_types = ipmi, redfish",
            "debug = true",
            "[api]",
            "host_ip = 0.0.0.0",
            "port = 7000",
            "public_endpoint = https://bm.example.com/",
            "[database]",
            "connection = sqlite:///$state_path/db.sqlite",
            "[conductor]",
            "conductor_group = RackA",
            "node_locked_retry_attempts = 5");
        var options = IronicOptions.Load([path], new Dictionary<string, string>
        {
            ["IRONIC_CONDUCTOR__NODE_LOCKED_RETRY_INTERVAL"] = "0",
        });

        Assert.Equal("conductor-7", options.Default.Host);
        Assert.Equal(["ipmi", "redfish"], options.Default.EnabledHardwareTypes);
        Assert.True(options.Default.Debug);
        Assert.Equal("0.0.0.0", options.Api.HostIp);
        Assert.Equal(7000, options.Api.Port);
        Assert.Equal("https://bm.example.com", options.Api.PublicEndpoint);
        Assert.Equal("sqlite:////srv/ironic/db.sqlite", options.Database.Connection);
        Assert.Equal("racka", options.Conductor.ConductorGroup);
        Assert.Equal(5, options.Conductor.NodeLockedRetryAttempts);
        Assert.Equal(0, options.Conductor.NodeLockedRetryInterval);
        Assert.Equal([path], options.Files);
    }

    [Fact]
    public void Load_WhenPortMalformed_NamesOptionFileAndLine()
    {
        var path = files.Write("x.conf", "[DEFAULT]", "[api]", "port = abc");

        var e = Assert.Throws<ConfigError>(() => IronicOptions.Load([path], new Dictionary<string, string>()));

        Assert.Equal($"Invalid value 'abc' for option [api] port in {path}:3: expected an integer between 0 and 65535.", e.Message);
    }

    [Fact]
    public void Load_WhenAuthStrategyNotSupported_RefusesRatherThanRunningOpen()
    {
        var path = files.Write("ironic.conf", "[DEFAULT]", "auth_strategy = keystone");

        var e = Assert.Throws<ConfigError>(() => IronicOptions.Load([path], new Dictionary<string, string>()));

        Assert.Contains("'keystone'", e.Message, StringComparison.Ordinal);
        Assert.Contains("[DEFAULT] auth_strategy", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}:2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenRetryAttemptsNegative_Throws()
    {
        var e = Assert.Throws<ConfigError>(() => IronicOptions.Load([], new Dictionary<string, string>
        {
            ["IRONIC_CONDUCTOR__NODE_LOCKED_RETRY_ATTEMPTS"] = "-1",
        }));

        Assert.Contains("[conductor] node_locked_retry_attempts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsUnknownOptions_ButNotKnownOnesLeftUnused()
    {
        var path = files.Write("ironic.conf",
            "[DEFAULT]",
            "rpc_transport = json-rpc",
            "log_dir = /var/log/ironic",
            "frobnicate = yes",
            "[api]",
            "api_workers = 4",
            "[pxe]",
            "tftp_root = /tftpboot");

        var options = IronicOptions.Load([path], new Dictionary<string, string>());

        Assert.Equal(["[DEFAULT] frobnicate", "[pxe] tftp_root"], options.Unknown);
    }

    [Fact]
    public void Load_ValidatesKnownButUnusedOptions()
    {
        var path = files.Write("ironic.conf", "[api]", "api_workers = many");

        var e = Assert.Throws<ConfigError>(() => IronicOptions.Load([path], new Dictionary<string, string>()));

        Assert.Contains("[api] api_workers", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}:2", e.Message, StringComparison.Ordinal);
    }
}
