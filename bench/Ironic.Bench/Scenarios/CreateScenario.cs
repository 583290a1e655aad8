using System.Text.Json.Nodes;

namespace Ironic.Bench.Scenarios;

/// <summary>Enrolls N fake-hardware nodes with names, driver_info and properties: one POST each.</summary>
internal static class CreateScenario
{
    public static Task RunAsync(BenchContext bench, CancellationToken ct)
    {
        var created = new NodeRef?[bench.Options.Nodes];
        return bench.RowAsync("create", created.Length, async (recorder, token) =>
        {
            await Workers.ForEachAsync(Enumerable.Range(0, created.Length), bench.Options.Concurrency, (i, t) => recorder.TimeAsync(async () =>
            {
                var name = bench.NodeName(i);
                var response = await bench.Client.SendAsync(HttpMethod.Post, "/v1/nodes", Body(bench, i, name), recorder, t).ConfigureAwait(false);
                if (response.Status != 201)
                {
                    return response.Describe("POST /v1/nodes");
                }

                using var node = response.Json();
                created[i] = new NodeRef(i, node.RootElement.GetProperty("uuid").GetString()!, name);
                return null;
            }, t), token).ConfigureAwait(false);
            bench.Nodes.AddRange(created.OfType<NodeRef>());
        }, ct);
    }

    private static string Body(BenchContext bench, int i, string name) => new JsonObject
    {
        ["name"] = name,
        ["driver"] = "fake-hardware",
        ["resource_class"] = bench.ResourceClass,
        ["driver_info"] = new JsonObject
        {
            // Inert data: fake-hardware never contacts a BMC.
            ["ipmi_address"] = $"127.1.{i / 250 % 250}.{i % 250 + 1}",
            ["ipmi_username"] = "admin",
            ["ipmi_password"] = "secret",
            ["deploy_kernel"] = "http://127.0.0.1:8088/ipa.kernel",
            ["deploy_ramdisk"] = "http://127.0.0.1:8088/ipa.initramfs",
        },
        ["properties"] = new JsonObject
        {
            ["cpus"] = 32,
            ["cpu_arch"] = "x86_64",
            ["memory_mb"] = 131072,
            ["local_gb"] = 960,
        },
    }.ToJsonString();
}
