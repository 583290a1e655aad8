namespace Ironic.Testing;

/// <summary>What <see cref="IsoImageReader"/> found: the probed file system type and label, and every file by its path.</summary>
public sealed record IsoImageContents(string? Type, string? Label, IReadOnlyDictionary<string, byte[]> Files)
{
    public string Text(string path) => System.Text.Encoding.UTF8.GetString(Files[path]);
}
