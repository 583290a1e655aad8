namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>
/// A wrapper script for <c>[ipmi] ipmitool_path</c> that records each run (its arguments, one line a run) and then
/// runs the real ipmitool with them, so a test can count the ipmitool processes a driver call costs.
/// </summary>
internal sealed class CountingIpmitool : IDisposable
{
    private readonly string dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ironic-ipmitool-count-" + Guid.NewGuid().ToString("N"))).FullName;

    public CountingIpmitool()
    {
        File.WriteAllText(ScriptPath, $"#!/bin/sh\necho \"$*\" >> '{LogPath}'\nexec ipmitool \"$@\"\n");
        // ipmitool and ipmi_sim run only on Linux here; so do these tests.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(ScriptPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The script to give as <c>IRONIC_IPMI__IPMITOOL_PATH</c>.</summary>
    public string ScriptPath => Path.Combine(dir, "ipmitool");

    private string LogPath => Path.Combine(dir, "runs.log");

    /// <summary>The arguments of each run so far (options, then the command), one string a run, in order.</summary>
    public IReadOnlyList<string> Runs => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
