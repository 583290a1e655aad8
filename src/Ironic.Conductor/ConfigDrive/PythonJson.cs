using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ironic.Conductor.ConfigDrive;

/// <summary>
/// JSON as Python's <c>json.dumps</c> writes it (<c>", "</c> and <c>": "</c> separators, non-ASCII escaped),
/// so the files of a built config drive are byte for byte those Ironic would write.
/// </summary>
internal static class PythonJson
{
    public static string Serialize(JsonNode? node)
    {
        var s = new StringBuilder();
        Write(s, node);
        return s.ToString();
    }

    private static void Write(StringBuilder s, JsonNode? node)
    {
        switch (node)
        {
            case null:
                s.Append("null");
                break;
            case JsonObject o:
                s.Append('{');
                var first = true;
                foreach (var (key, value) in o)
                {
                    s.Append(first ? "" : ", ");
                    first = false;
                    String(s, key);
                    s.Append(": ");
                    Write(s, value);
                }

                s.Append('}');
                break;
            case JsonArray a:
                s.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    s.Append(i == 0 ? "" : ", ");
                    Write(s, a[i]);
                }

                s.Append(']');
                break;
            default:
                switch (node.GetValueKind())
                {
                    case JsonValueKind.String:
                        String(s, node.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        s.Append("true");
                        break;
                    case JsonValueKind.False:
                        s.Append("false");
                        break;
                    case JsonValueKind.Null:
                        s.Append("null");
                        break;
                    default:
                        s.Append(node.ToJsonString()); // a number, as it was written
                        break;
                }

                break;
        }
    }

    private static void String(StringBuilder s, string value)
    {
        s.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': s.Append("\\\""); break;
                case '\\': s.Append("\\\\"); break;
                case '\n': s.Append("\\n"); break;
                case '\r': s.Append("\\r"); break;
                case '\t': s.Append("\\t"); break;
                case '\b': s.Append("\\b"); break;
                case '\f': s.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        s.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        s.Append(c);
                    }

                    break;
            }
        }

        s.Append('"');
    }
}
