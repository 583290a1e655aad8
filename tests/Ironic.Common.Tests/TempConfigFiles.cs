namespace Ironic.Common.Tests;

/// <summary>Config files written to a private temporary directory, removed when the test ends.</summary>
public sealed class TempConfigFiles : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "ironic-common-tests-" + Guid.NewGuid().ToString("N"));

    public TempConfigFiles() => Directory.CreateDirectory(dir);

    /// <summary>Writes <paramref name="lines"/> (joined with newlines) to a file and returns its path.</summary>
    public string Write(string name, params string[] lines)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    public string PathOf(string name) => Path.Combine(dir, name);

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
