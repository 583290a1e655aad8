using System.Text.Json.Nodes;

namespace Ironic.Drivers.Agent;

/// <summary>
/// The image a node's instance_info asks for, as the agent's write_image takes it: an http(s) URL, its disk
/// format (raw is streamed straight to disk; qcow2 is converted by the agent) and a checksum the agent
/// verifies (<c>image_os_hash_algo</c>/<c>image_os_hash_value</c>, sha256 or sha512, or a bare
/// <c>image_checksum</c> whose algorithm is told by its length).
/// </summary>
internal static class ImageInfo
{
    private static readonly string[] Formats = ["raw", "qcow2"];
    private static readonly string[] Algorithms = ["sha256", "sha512"];

    public static void Validate(JsonObject instanceInfo, string node) => _ = Build(instanceInfo, node);

    public static JsonObject Build(JsonObject info, string node)
    {
        var source = Text(info, "image_source")
            ?? throw new MissingParameterValue($"Node {node} has no instance_info image_source: set it to the http(s) URL of a whole-disk image.");
        if (!Uri.TryCreate(source, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidParameterValue($"Node {node}: image_source {source} is not an http(s) URL; the direct deploy needs one the agent can download.");
        }

        var format = Text(info, "image_disk_format") ?? "raw";
        if (!Formats.Contains(format))
        {
            throw new InvalidParameterValue($"Node {node}: image_disk_format {format} is not supported; use one of {string.Join(", ", Formats)}.");
        }

        var (algo, value) = Checksum(info, node);
        return new JsonObject
        {
            ["id"] = url.Segments[^1],
            ["urls"] = new JsonArray(source),
            ["disk_format"] = format,
            ["container_format"] = null,
            ["stream_raw_images"] = format == "raw",
            ["os_hash_algo"] = algo,
            ["os_hash_value"] = value,
            ["node_uuid"] = node,
        };
    }

    private static (string Algo, string Value) Checksum(JsonObject info, string node)
    {
        if (Text(info, "image_os_hash_value") is { } value)
        {
            var algo = Text(info, "image_os_hash_algo") ?? throw new MissingParameterValue(
                $"Node {node}: image_os_hash_value is set without image_os_hash_algo; set it to sha256 or sha512.");
            return Algorithms.Contains(algo) && IsHex(value)
                ? (algo, value.ToLowerInvariant())
                : throw new InvalidParameterValue($"Node {node}: image checksum {algo}:{value} is not a sha256 or sha512 hex digest.");
        }

        if (Text(info, "image_checksum") is { } checksum)
        {
            return checksum.Length switch
            {
                64 when IsHex(checksum) => ("sha256", checksum.ToLowerInvariant()),
                128 when IsHex(checksum) => ("sha512", checksum.ToLowerInvariant()),
                _ => throw new InvalidParameterValue(
                    $"Node {node}: image_checksum {checksum} is neither a sha256 nor a sha512 hex digest (md5 is not accepted)."),
            };
        }

        throw new MissingParameterValue($"Node {node} has no image checksum: set instance_info image_os_hash_algo and image_os_hash_value.");
    }

    private static bool IsHex(string s) => s.Length > 0 && s.All(Uri.IsHexDigit);

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
