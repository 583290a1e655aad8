using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ironic.Common.Validation;

/// <summary>
/// Which keys hold secrets, so they are shown as <c>******</c> in every response and log line.
/// Follows oslo's mask_password key list that Ironic applies to driver_info.
/// </summary>
public static class Secrets
{
    public const string Mask = "******";

    // Keys seen so far and whether they are secret: every node listed asks about the same few keys.
    private const int MaxKnown = 4096;
    private static readonly ConcurrentDictionary<string, bool> Known = new(StringComparer.Ordinal);
    private static int knownCount;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    private static readonly string[] SensitiveFragments =
    [
        "password", "passwd", "pswd", "secret", "token", "auth_key", "priv_key", "private_key",
        "encrypted_key", "encryption_key", "fernetkey", "sslkey", "passphrase", "credential", "adminpass",
        "new_pass", "configdrive", "ssh_key", "chap",
        // Not in oslo's list but secret all the same: the IPMI v2 key, and the image URL Ironic hides from
        // instance_info (it may be a signed temporary URL).
        "ipmi_kg", "image_url",
    ];

    // scheme://user:password@host: the userinfo of any URL is masked wherever the URL is shown.
    private static readonly System.Text.RegularExpressions.Regex UrlUserInfo =
        new(@"(?<=[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#@\s""']+(?=@)", System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>The text with the userinfo of every URL in it (<c>http://user:pass@host</c>) replaced by the mask.</summary>
    public static string MaskUrlCredentials(string text) =>
        text.Contains("://", StringComparison.Ordinal) && text.Contains('@', StringComparison.Ordinal) ? UrlUserInfo.Replace(text, Mask) : text;

    /// <summary>True when a key of driver_info (or similar) holds a secret.</summary>
    public static bool IsSecretKey(string key)
    {
        if (Known.TryGetValue(key, out var known))
        {
            return known;
        }

        var secret = Matches(key);
        if (Volatile.Read(ref knownCount) < MaxKnown && Known.TryAdd(key, secret))
        {
            Interlocked.Increment(ref knownCount);
        }

        return secret;
    }

    private static bool Matches(string key)
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
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteMasked(writer, source);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    /// <summary>
    /// Writes the object with secret values (at any depth, lists included) replaced by the mask. Its JSON is
    /// copied token by token, so an object parsed from the database is never expanded into a tree.
    /// </summary>
    public static void WriteMasked(Utf8JsonWriter writer, JsonObject source)
    {
        var buffer = scratch ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var raw = new Utf8JsonWriter(buffer))
        {
            source.WriteTo(raw);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var key = reader.GetString()!;
                    writer.WritePropertyName(key);
                    if (IsSecretKey(key))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            writer.WriteNullValue();
                        }
                        else
                        {
                            writer.WriteStringValue(Mask);
                            reader.Skip();
                        }
                    }

                    break;
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.String when reader.ValueIsEscaped || (reader.ValueSpan.IndexOf("://"u8) >= 0 && reader.ValueSpan.IndexOf((byte)'@') >= 0):
                    writer.WriteStringValue(MaskUrlCredentials(reader.GetString()!));
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(reader.ValueSpan);
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                    break;
                case JsonTokenType.Null:
                    writer.WriteNullValue();
                    break;
            }
        }
    }

    /// <summary>
    /// The text with every secret value of <paramref name="sources"/> (a node's driver_info and
    /// instance_info) replaced by the mask: driver errors may quote a command line or a URL holding one.
    /// </summary>
    public static string Scrub(string text, params JsonObject?[] sources)
    {
        text = MaskUrlCredentials(text);
        foreach (var secret in sources.Where(s => s is not null).SelectMany(s => SecretValues(s!)).Distinct().OrderByDescending(v => v.Length))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

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
