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

    /// <summary>A copy of the object with secret values (at any depth) replaced by the mask.</summary>
    public static JsonObject MaskCopy(JsonObject source)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in source)
        {
            copy[key] = value switch
            {
                _ when IsSecretKey(key) && value is not null => Mask,
                JsonObject nested => MaskCopy(nested),
                _ => value?.DeepClone(),
            };
        }

        return copy;
    }
}
