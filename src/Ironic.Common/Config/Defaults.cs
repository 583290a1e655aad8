namespace Ironic.Common.Config;

/// <summary>Defaults that depend on the machine rather than on a constant.</summary>
public static class Defaults
{
    /// <summary>
    /// Where state lives when <c>[DEFAULT] state_path</c> is not set: <c>$IRONIC_STATE_PATH</c>, else
    /// <c>~/.local/share/ironic</c>. Ironic's <c>/var/lib/ironic</c> would need root for a first run.
    /// </summary>
    public static string StatePath(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("IRONIC_STATE_PATH", out var p) && p.Length > 0
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "ironic");
}
