using System.Text.RegularExpressions;

namespace Ironic.Drivers.Pxe.Tests;

/// <summary>What iPXE fetches, fetched from a real HTTP server serving http_root: the entry script, the per-MAC script, the images.</summary>
public sealed partial class IpxeHttpServingTests
{
    [Fact]
    public async Task IpxeChain_BootScriptMacScriptAndLinkedImages_AreServedOverHttp()
    {
        var root = Path.Combine(Path.GetTempPath(), "ironic-pxe-http-" + Guid.NewGuid().ToString("N"));
        var httpRoot = Path.Combine(root, "httpboot");
        await using var web = await HttpBootServer.StartAsync(httpRoot);
        using var services = new TestDriverServices(("deploy.http_root", httpRoot), ("deploy.http_url", web.Url));
        try
        {
            var kernel = Path.Combine(services.StatePath, "ipa.kernel");
            var ramdisk = Path.Combine(services.StatePath, "ipa.initramfs");
            await File.WriteAllTextAsync(kernel, "the kernel");
            await File.WriteAllTextAsync(ramdisk, "the ramdisk");
            var node = Nodes.Node();
            node.DriverInfo["deploy_kernel"] = kernel;
            node.DriverInfo["deploy_ramdisk"] = ramdisk;
            var task = Nodes.IpxeTask(services, node);
            await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);
            using var http = new HttpClient();

            // DHCP hands iPXE {http_url}/boot.ipxe, which chains to pxelinux.cfg/<mac> relative to itself.
            var entry = await http.GetStringAsync($"{web.Url}/boot.ipxe");
            var chained = Assert.Single(ChainTarget().Matches(entry).Select(m => m.Groups[1].Value).Distinct());
            var script = await http.GetStringAsync($"{web.Url}/{chained}52-54-00-ab-cd-01");
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(httpRoot, Nodes.Uuid, "config")), script);

            var kernelUrl = KernelUrl().Match(script).Groups[1].Value;
            var initrdUrl = InitrdUrl().Match(script).Groups[1].Value;
            Assert.Equal("the kernel", await http.GetStringAsync(kernelUrl));
            Assert.Equal("the ramdisk", await http.GetStringAsync(initrdUrl));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [GeneratedRegex(@"chain (\S+/)\$\{")]
    private static partial Regex ChainTarget();

    [GeneratedRegex(@":deploy\nimgfree\nkernel (\S+) ")]
    private static partial Regex KernelUrl();

    [GeneratedRegex(@"\ninitrd (\S+) \|\| goto retry")]
    private static partial Regex InitrdUrl();
}
