using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ironic.Conductor.ConfigDrive;

/// <summary>
/// Builds a config drive from its JSON form (API 1.56: <c>meta_data</c>, <c>network_data</c>, <c>user_data</c>,
/// <c>vendor_data</c>) as Ironic's <c>build_configdrive</c> and openstacksdk's <c>configdrive.build</c> do: an
/// ISO 9660 image labelled <c>config-2</c> with <c>openstack/{2012-08-10,latest}/</c> holding
/// <c>meta_data.json</c>, <c>network_data.json</c>, <c>vendor_data2.json</c> and <c>user_data</c>, gzipped and
/// base64 encoded, which is what the agent's <c>write_image</c> takes.
/// </summary>
internal static class ConfigDriveBuilder
{
    public const string Label = "config-2";

    private static readonly string[] Versions = ["2012-08-10", "latest"];

    /// <summary>The gzipped, base64 encoded image; <c>meta_data</c> gets the node's uuid and name unless it has its own.</summary>
    public static string Build(JsonObject configDrive, string nodeUuid, string? nodeName, DateTimeOffset time)
    {
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(BuildImage(configDrive, nodeUuid, nodeName, time));
        }

        return Convert.ToBase64String(gzipped.GetBuffer(), 0, (int)gzipped.Length);
    }

    /// <summary>The ISO image itself.</summary>
    public static byte[] BuildImage(JsonObject configDrive, string nodeUuid, string? nodeName, DateTimeOffset time)
    {
        var metaData = configDrive["meta_data"] is JsonObject given ? (JsonObject)given.DeepClone() : [];
        if (!metaData.ContainsKey("uuid"))
        {
            metaData["uuid"] = nodeUuid;
        }

        if (!string.IsNullOrEmpty(nodeName) && !metaData.ContainsKey("name"))
        {
            metaData["name"] = nodeName;
        }

        // As Python's truthiness decides there: empty network or vendor data is left out, and so is empty user data,
        // but user data given as an object or a list is always its JSON.
        var userData = configDrive["user_data"] switch
        {
            JsonObject or JsonArray => Encoding.UTF8.GetBytes(PythonJson.Serialize(configDrive["user_data"])),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => Encoding.UTF8.GetBytes(v.GetValue<string>()),
            _ => [],
        };
        var files = new List<KeyValuePair<string, byte[]>>();
        foreach (var version in Versions)
        {
            var dir = $"openstack/{version}/";
            files.Add(new(dir + "meta_data.json", Encoding.UTF8.GetBytes(PythonJson.Serialize(metaData))));
            if (configDrive["network_data"] is JsonObject { Count: > 0 } networkData)
            {
                files.Add(new(dir + "network_data.json", Encoding.UTF8.GetBytes(PythonJson.Serialize(networkData))));
            }

            if (configDrive["vendor_data"] is JsonObject { Count: > 0 } vendorData)
            {
                files.Add(new(dir + "vendor_data2.json", Encoding.UTF8.GetBytes(PythonJson.Serialize(vendorData))));
            }

            if (userData.Length > 0)
            {
                files.Add(new(dir + "user_data", userData));
            }
        }

        return IsoImage.Build(Label, files, time);
    }
}
