using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Ironic.Drivers.Pxe.Tests;

/// <summary>GRUB's own parser (grub-script-check, Debian's grub-common) accepts the UEFI configurations we write.</summary>
public sealed class GrubScriptCheckTests : IDisposable
{
    private readonly TestDriverServices services = new(("pxe.kernel_append_params", "console=ttyS0,115200n8 ipa-debug=1"));

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task RamdiskConfig_PassesGrubScriptCheck()
    {
        var task = Nodes.PxeTask(services);

        await task.Driver.Boot.PrepareRamdiskAsync(task, new Dictionary<string, string> { ["ipa-api-url"] = "http://10.0.0.1:6385" }, default);

        await AssertGrubAcceptsAsync(Path.Combine(services.TftpRoot, Nodes.Uuid, "config"));
    }

    [Fact]
    public async Task InstanceConfig_PassesGrubScriptCheck()
    {
        var node = Nodes.Node();
        node.InstanceInfo["ramdisk_kernel_arguments"] = "root=/dev/ram0 rd.shell";
        node.InstanceInfo["capabilities"] = new JsonObject { ["boot_mode"] = "uefi" };
        var task = Nodes.PxeTask(services, node);

        await task.Driver.Boot.PrepareInstanceAsync(task, default);

        await AssertGrubAcceptsAsync(Path.Combine(services.TftpRoot, Nodes.Uuid, "config"));
    }

    [Fact]
    public async Task GrubScriptCheck_RejectsABrokenConfig()
    {
        // The check itself can fail: an unterminated menuentry is refused.
        var path = Path.Combine(services.StatePath, "broken.cfg");
        await File.WriteAllTextAsync(path, "menuentry \"deploy\" {\n    linuxefi k\n");

        var (exit, _) = await RunAsync(path);

        Assert.NotEqual(0, exit);
    }

    private static async Task AssertGrubAcceptsAsync(string path)
    {
        var (exit, output) = await RunAsync(path);
        Assert.True(exit == 0, $"grub-script-check {path}: exit {exit}\n{output}\n{await File.ReadAllTextAsync(path)}");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string path)
    {
        var start = new ProcessStartInfo("grub-script-check", [path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
