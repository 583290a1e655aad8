using System.Text;
using System.Text.Json.Nodes;
using Ironic.Conductor.ConfigDrive;

namespace Ironic.Conductor.Tests;

/// <summary>
/// The config drive built from its JSON form, read back by Debian's xorriso and blkid (never by our own code):
/// the layout, names and contents openstacksdk's <c>configdrive.build</c> gives, in each of the image's name trees.
/// </summary>
public sealed class ConfigDriveBuilderTests
{
    private const string Uuid = "1be26c0b-03f2-4d2e-ae87-c02d7f33c123";
    private static readonly DateTimeOffset Time = new(2026, 12, 5, 15, 0, 0, TimeSpan.Zero);

    private static readonly string[] Files =
    [
        "meta_data.json", "network_data.json", "user_data", "vendor_data2.json",
    ];

    private static JsonObject Full() => new()
    {
        ["meta_data"] = new JsonObject { ["hostname"] = "web-1", ["public_keys"] = new JsonObject { ["k"] = "ssh-ed25519 AAAA x@y" } },
        ["user_data"] = "#cloud-config\nhostname: web-1\n",
        ["network_data"] = new JsonObject { ["links"] = new JsonArray(new JsonObject { ["id"] = "eth0", ["mtu"] = 1500 }) },
        ["vendor_data"] = new JsonObject { ["answer"] = 42 },
    };

    [Theory]
    [InlineData("nojoliet")] // Rock Ridge, as Linux mounts it
    [InlineData("norock")] // Joliet, as Windows reads it
    public async Task Build_HasOpenStackLayout_LabelAndContents(string tree)
    {
        var iso = await IsoImageReader.ReadConfigDriveAsync(ConfigDriveBuilder.Build(Full(), Uuid, "node-1", Time), tree);

        Assert.Equal("iso9660", iso.Type);
        Assert.Equal("config-2", iso.Label);
        Assert.Equal(
            new[] { "2012-08-10", "latest" }.SelectMany(v => Files.Select(f => $"openstack/{v}/{f}")).Order(StringComparer.Ordinal),
            iso.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var version in new[] { "2012-08-10", "latest" })
        {
            // Byte for byte what Python's json.dump writes; the node's uuid and name added to meta_data.
            Assert.Equal("""{"hostname": "web-1", "public_keys": {"k": "ssh-ed25519 AAAA x@y"}, "uuid": "1be26c0b-03f2-4d2e-ae87-c02d7f33c123", "name": "node-1"}""",
                iso.Text($"openstack/{version}/meta_data.json"));
            Assert.Equal("#cloud-config\nhostname: web-1\n", iso.Text($"openstack/{version}/user_data"));
            Assert.Equal("""{"links": [{"id": "eth0", "mtu": 1500}]}""", iso.Text($"openstack/{version}/network_data.json"));
            Assert.Equal("""{"answer": 42}""", iso.Text($"openstack/{version}/vendor_data2.json"));
        }
    }

    [Fact]
    public async Task Build_PlainIso9660Names_AreTheRelaxedOnesGenisoimageWrites()
    {
        var iso = await IsoImageReader.ReadConfigDriveAsync(ConfigDriveBuilder.Build(Full(), Uuid, null, Time), "ecma119");

        Assert.Contains("openstack/latest/meta_data.json", iso.Files.Keys);
        // Without Rock Ridge or Joliet the dashes are gone: the other trees' names above are their own.
        Assert.Contains("openstack/2012_08_10/user_data", iso.Files.Keys);
        Assert.DoesNotContain("openstack/2012-08-10/user_data", iso.Files.Keys);
    }

    [Fact]
    public async Task Build_KeepsTheUsersUuidAndName_LeavesOutEmptyParts_AndWritesObjectUserDataAsJson()
    {
        var source = new JsonObject
        {
            ["meta_data"] = new JsonObject { ["uuid"] = "mine", ["name"] = "my-name", ["city"] = "Zürich" },
            ["network_data"] = new JsonObject(),
            ["user_data"] = new JsonObject { ["ignition"] = new JsonObject { ["version"] = "3.0.0" } },
        };

        var iso = await IsoImageReader.ReadConfigDriveAsync(ConfigDriveBuilder.Build(source, Uuid, "node-1", Time));

        Assert.Equal(["meta_data.json", "user_data"], iso.Files.Keys.Where(k => k.StartsWith("openstack/latest/", StringComparison.Ordinal))
            .Select(k => k["openstack/latest/".Length..]).Order(StringComparer.Ordinal));
        Assert.Equal("""{"uuid": "mine", "name": "my-name", "city": "Z\u00fcrich"}""", iso.Text("openstack/latest/meta_data.json"));
        Assert.Equal("""{"ignition": {"version": "3.0.0"}}""", iso.Text("openstack/latest/user_data"));
    }

    [Fact]
    public async Task Build_OnlyMetaData_WhenNothingElseIsGiven()
    {
        var iso = await IsoImageReader.ReadConfigDriveAsync(ConfigDriveBuilder.Build(new JsonObject { ["user_data"] = "" }, Uuid, null, Time));

        Assert.Equal(["openstack/2012-08-10/meta_data.json", "openstack/latest/meta_data.json"], iso.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($$"""{"uuid": "{{Uuid}}"}""", iso.Text("openstack/latest/meta_data.json"));
    }

    [Fact]
    public async Task Build_LargeUserData_SpansManySectorsIntact()
    {
        var big = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},"));
        var iso = await IsoImageReader.ReadConfigDriveAsync(ConfigDriveBuilder.Build(new JsonObject { ["user_data"] = big }, Uuid, null, Time));

        Assert.Equal(Encoding.UTF8.GetBytes(big), iso.Files["openstack/latest/user_data"]);
        Assert.Equal(Encoding.UTF8.GetBytes(big), iso.Files["openstack/2012-08-10/user_data"]);
    }

    [Fact]
    public void Build_IsBase64OfAGzip()
    {
        var encoded = ConfigDriveBuilder.Build(Full(), Uuid, null, Time);

        var gzip = Convert.FromBase64String(encoded);
        Assert.Equal([0x1F, 0x8B], gzip[..2]);
        Assert.Equal(ConfigDriveBuilder.BuildImage(Full(), Uuid, null, Time), Gunzip(gzip));
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(data), System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
