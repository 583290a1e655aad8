using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Api.Errors;
using Ironic.Api.Versioning;
using Ironic.Drivers;

namespace Ironic.Api.Endpoints;

/// <summary>
/// The <c>configdrive</c> of a deploy or rebuild request, checked as Ironic's API does: a string (a gzipped
/// and base64 encoded ISO image, or a URL to one) or, from 1.56, an object the conductor builds the image from.
/// </summary>
internal static class ConfigDriveArgument
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n\r\t ";

    /// <summary>Returns the config drive to pass on, or null when there is none (Ironic ignores an empty one).</summary>
    public static JsonNode? Check(JsonNode? configDrive, string target, ApiVersion version)
    {
        var kind = configDrive?.GetValueKind();
        if (kind is not (null or JsonValueKind.Null or JsonValueKind.String or JsonValueKind.Object))
        {
            throw new Invalid($"Expected types <class 'NoneType'>, <class 'dict'>, <class 'str'> for configdrive: {ApiErrors.Repr(configDrive)}");
        }

        if (configDrive is null || kind == JsonValueKind.Null
            || (configDrive is JsonObject { Count: 0 }) || (kind == JsonValueKind.String && configDrive.GetValue<string>().Length == 0))
        {
            return null;
        }

        // Only "active" and "rebuild", as Ironic: the 1.73 "deploy" verb does not take a config drive.
        var rebuild = version.AtLeast(Microversions.RebuildConfigDrive);
        if (target != "active" && !(rebuild && target == "rebuild"))
        {
            throw new Invalid($"Adding a config drive is only supported when setting provision state to {(rebuild ? "active, rebuild" : "active")}");
        }

        if (configDrive is JsonObject o)
        {
            CheckObject(o, version);
        }
        else
        {
            var text = configDrive.GetValue<string>();
            if (!text.Contains("://", StringComparison.Ordinal) && text.Any(c => !Base64Alphabet.Contains(c, StringComparison.Ordinal)))
            {
                throw new Invalid("Invalid configdrive format: it is neither a JSON, nor a URL, nor a base64 string");
            }
        }

        return configDrive;
    }

    private static void CheckObject(JsonObject o, ApiVersion version)
    {
        foreach (var (key, value) in o)
        {
            var valid = key switch
            {
                "meta_data" or "network_data" or "vendor_data" => value is JsonObject,
                "user_data" => value is null or JsonObject or JsonArray || value.GetValueKind() is JsonValueKind.String or JsonValueKind.Null,
                _ => false,
            };
            if (!valid)
            {
                // jsonschema's words for a value matching neither branch of Ironic's anyOf schema.
                throw new Invalid($"Invalid configdrive format: {ApiErrors.Repr(o)} is not valid under any of the given schemas");
            }
        }

        if (!version.AtLeast(Microversions.BuildConfigDrive))
        {
            throw new Invalid($"Providing a JSON object for configdrive is only supported starting with API version 1.{Microversions.BuildConfigDrive}");
        }

        if (o.ContainsKey("vendor_data") && !version.AtLeast(Microversions.ConfigDriveVendorData))
        {
            throw new Invalid($"Providing vendor_data in configdrive is only supported starting with API version 1.{Microversions.ConfigDriveVendorData}");
        }
    }
}
