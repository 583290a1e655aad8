using System.Text;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// The kernel command line written into the ISO's boot loader configurations (Ironic's
/// <c>_prepare_kernel_cmd_line</c>): the append parameters, then the ramdisk parameters as
/// <c>key=value</c>. Checked before anything is written, because the boot loaders' configurations are
/// line-based scripts: a newline or control character, a single quote or an unbalanced double quote
/// would let node data add lines or commands of its own.
/// </summary>
internal sealed class KernelCommandLine
{
    private KernelCommandLine(IReadOnlyList<string> tokens) => Tokens = tokens;

    /// <summary>The parameters, one word each (double quotes kept as the kernel reads them).</summary>
    public IReadOnlyList<string> Tokens { get; }

    public override string ToString() => string.Join(' ', Tokens);

    /// <summary>Each word single-quoted, as GRUB's script language reads it without expanding <c>$</c> or <c>;</c>.</summary>
    public string ForGrub() => string.Join(' ', Tokens.Select(t => $"'{t}'"));

    /// <exception cref="InvalidParameterValue">A parameter the boot loaders could not carry safely.</exception>
    public static KernelCommandLine Build(string appendParams, IReadOnlyDictionary<string, string> ramdiskParams)
    {
        var tokens = Split(appendParams, "kernel_append_params");
        foreach (var (key, value) in ramdiskParams)
        {
            if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '=' or '"'))
            {
                throw new InvalidParameterValue($"Invalid kernel parameter name \"{Printable(key)}\": it must be one word without '=' or quotes.");
            }

            Check(value, $"kernel parameter {key}");
            tokens.Add(value.Any(char.IsWhiteSpace) ? $"{key}=\"{value}\"" : $"{key}={value}");
        }

        return new KernelCommandLine(tokens);
    }

    // Whitespace separates words except inside double quotes, as the kernel parses its command line.
    private static List<string> Split(string text, string what)
    {
        Check(text, what);
        var tokens = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (word.Length > 0)
                {
                    tokens.Add(word.ToString());
                    word.Clear();
                }

                continue;
            }

            word.Append(c);
        }

        if (quoted)
        {
            throw new InvalidParameterValue($"Invalid {what} \"{Printable(text)}\": a double quote is not closed.");
        }

        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
        }

        return tokens;
    }

    private static void Check(string text, string what)
    {
        if (text.Any(c => char.IsControl(c) || c is '\'' or '\\' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LineSeparator
                or System.Globalization.UnicodeCategory.ParagraphSeparator))
        {
            throw new InvalidParameterValue(
                $"Invalid {what} \"{Printable(text)}\": kernel parameters cannot contain newlines, control characters, single quotes or backslashes.");
        }

        if (what.StartsWith("kernel parameter ", StringComparison.Ordinal) && text.Contains('"', StringComparison.Ordinal))
        {
            throw new InvalidParameterValue($"Invalid {what} \"{Printable(text)}\": a parameter value cannot contain double quotes.");
        }
    }

    // Messages show control characters escaped, never raw.
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
