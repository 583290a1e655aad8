namespace Ironic.Drivers.Pxe.Tests;

/// <summary>
/// The shared test host with pxe, ipxe and ramdisk enabled, discovered from its plugins folder as in production.
/// </summary>
public sealed class IronicServer() : IronicTestHost(new Dictionary<string, string>
{
    ["IRONIC_DEFAULT__ENABLED_BOOT_INTERFACES"] = "fake,pxe,ipxe",
    ["IRONIC_DEFAULT__ENABLED_DEPLOY_INTERFACES"] = "fake,ramdisk",
    ["IRONIC_DEPLOY__HTTP_URL"] = "http://127.0.0.1:8080",
}), IAsyncLifetime
{
    public string TftpRoot => Path.Combine(StatePath, "tftpboot");

    public string HttpRoot => Path.Combine(StatePath, "httpboot");

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
