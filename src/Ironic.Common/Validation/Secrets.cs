using System.Text.Json.Nodes;

namespace Ironic.Common.Validation;

/// <summary>
/// Which keys hold secrets, so they are shown as <c>******</c> in every response and log line.
/// Follows oslo's mask_password key list that Ironic applies to driver_info.
/// </summary>
public static class Secrets
{
    public const string Mask = "******";

    private static readonly string[] SensitiveFragments =
    [
        "password", "passwd", "pswd", "secret", "token", "auth_key", "priv_key", "private_key",
        "encrypted_key", "encryption_key", "fernetkey", "sslkey", "passphrase", "credential", "adminpass",
        "new_pass", "configdrive", "ssh_key", "chap",
    ];

    /// <summary>True when a key of driver_info (or similar) holds a secret.</summary>
    public static bool IsSecretKey(string key)
    {
        foreach (var fragment in SensitiveFragments)
        {
            if (key.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A copy of the object with secret values (at any depth, lists included) replaced by the mask.</summary>
    public static JsonObject MaskCopy(JsonObject source)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in source)
        {
            copy[key] = IsSecretKey(key) && value is not null ? Mask : MaskNode(value);
        }

        return copy;
    }

    /// <summary>
    /// The text with every secret value of <paramref name="sources"/> (a node's driver_info and
    /// instance_info) replaced by the mask: driver errors may quote a command line or a URL holding one.
    /// </summary>
    public static string Scrub(string text, params JsonObject?[] sources)
    {
        foreach (var secret in sources.Where(s => s is not null).SelectMany(s => SecretValues(s!)).Distinct().OrderByDescending(v => v.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static JsonNode? MaskNode(JsonNode? value) => value switch
    {
        JsonObject nested => MaskCopy(nested),
        JsonArray list => new JsonArray([.. list.Select(MaskNode)]),
        _ => value?.DeepClone(),
    };

    // Values of at least 3 characters: masking "1" everywhere would garble messages, not protect anything.
    private static IEnumerable<string> SecretValues(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(kv => IsSecretKey(kv.Key) && kv.Value is JsonValue v && v.ToString() is { Length: >= 3 } text
            ? [text]
            : kv.Value is null ? [] : SecretValues(kv.Value)),
        JsonArray a => a.Where(i => i is not null).SelectMany(i => SecretValues(i!)),
        _ => [],
    };
}
