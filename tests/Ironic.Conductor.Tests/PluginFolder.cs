namespace Ironic.Conductor.Tests;

/// <summary>A temporary directory laid out as plugin directories, deleted on dispose.</summary>
internal sealed class PluginFolder : IDisposable
{
    // What the SDK writes beside a plugin that depends on nothing but the host's contract.
    private const string FakeDepsJson = """
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0", "signature": "" },
          "compilationOptions": {},
          "targets": { ".NETCoreApp,Version=v10.0": { "Ironic.Drivers.Fake/1.0.0": { "runtime": { "Ironic.Drivers.Fake.dll": {} } } } },
          "libraries": { "Ironic.Drivers.Fake/1.0.0": { "type": "project", "serviceable": false, "sha512": "" } }
        }
        """;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ironic-plugins-" + Guid.NewGuid().ToString("N"));

    public PluginFolder() => Directory.CreateDirectory(Root);

    /// <summary>A path under the root (not created).</summary>
    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Copies the built fake plugin to <c>&lt;dir&gt;/Ironic.Drivers.Fake/</c> as the build lays it out; returns the DLL path.</summary>
    public string AddFakePlugin(string dir)
    {
        var target = Path.Combine(dir, "Ironic.Drivers.Fake");
        Directory.CreateDirectory(target);
        var dll = Path.Combine(target, "Ironic.Drivers.Fake.dll");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Ironic.Drivers.Fake.dll"), dll);
        var deps = Path.Combine(AppContext.BaseDirectory, "Ironic.Drivers.Fake.deps.json");
        if (File.Exists(deps))
        {
            File.Copy(deps, Path.Combine(target, "Ironic.Drivers.Fake.deps.json"));
        }
        else
        {
            File.WriteAllText(Path.Combine(target, "Ironic.Drivers.Fake.deps.json"), FakeDepsJson);
        }

        return dll;
    }

    /// <summary>Writes <paramref name="bytes"/> random bytes as <c>&lt;dir&gt;/&lt;name&gt;/&lt;name&gt;.dll</c>; returns its path.</summary>
    public static string AddBrokenPlugin(string dir, string name, int bytes = 4096)
    {
        var target = Path.Combine(dir, name);
        Directory.CreateDirectory(target);
        var dll = Path.Combine(target, name + ".dll");
        File.WriteAllBytes(dll, System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
        return dll;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A loaded plugin may keep its file open on some platforms; the temp directory is left behind.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
