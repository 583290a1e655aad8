using Ironic.Testing.Redfish;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>redfish_verify_ca against an emulator behind a self-signed certificate, as many BMCs are.</summary>
public sealed class RedfishTlsTests : IAsyncLifetime
{
    private readonly RedfishTestDriver driver = new();
    private readonly string bundle = Path.Combine(Path.GetTempPath(), "redfish-ca-" + Guid.NewGuid().ToString("N") + ".pem");
    private RedfishEmulator emulator = null!;

    public async Task InitializeAsync()
    {
        emulator = await RedfishEmulator.StartAsync(https: true);
        await File.WriteAllTextAsync(bundle, emulator.CertificatePem);
    }

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        File.Delete(bundle);
    }

    [Fact]
    public async Task ASelfSignedBmc_IsRefusedByDefault()
    {
        var task = driver.Task(emulator, emulator.Systems[0], shared: true);

        var error = await Assert.ThrowsAsync<RedfishConnectionError>(() => driver.Power.GetPowerStateAsync(task, default));

        Assert.StartsWith("https://127.0.0.1:", emulator.BaseUrl);
        Assert.Contains(emulator.BaseUrl, error.Message);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task VerifyCaFalse_AcceptsTheCertificate()
    {
        var task = driver.Task(emulator, emulator.Systems[0]);
        task.Node.DriverInfo["redfish_verify_ca"] = false;

        await driver.Power.SetPowerStateAsync(task, PowerState.On, null, default);

        Assert.Equal("On", emulator.Systems[0].PowerState);
    }

    [Fact]
    public async Task VerifyCaNamingABundleWithTheBmcsCa_AcceptsIt()
    {
        var task = driver.Task(emulator, emulator.Systems[0], shared: true);
        task.Node.DriverInfo["redfish_verify_ca"] = bundle;

        Assert.Equal(PowerState.Off, await driver.Power.GetPowerStateAsync(task, default));
    }

    [Fact]
    public async Task VerifyCaNamingADirectoryWithOtherFiles_StillFindsTheCa()
    {
        var dir = Directory.CreateTempSubdirectory("redfish-cas-");
        try
        {
            File.Copy(bundle, Path.Combine(dir.FullName, "bmc.pem"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "README"), "not a certificate");
            var task = driver.Task(emulator, emulator.Systems[0], shared: true);
            task.Node.DriverInfo["redfish_verify_ca"] = dir.FullName;

            Assert.Equal(PowerState.Off, await driver.Power.GetPowerStateAsync(task, default));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
