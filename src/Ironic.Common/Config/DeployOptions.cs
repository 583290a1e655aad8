namespace Ironic.Common.Config;

/// <summary>The <c>[deploy]</c> options the host itself reads (the agent plugin reads its own, e.g. the erase priorities).</summary>
public sealed class DeployOptions
{
    /// <summary>
    /// Reuse an agent that is already running (heartbeated within <see cref="FastTrackTimeout"/>, node powered on)
    /// instead of rebooting the node into a new one; the agent token then outlives the operation.
    /// </summary>
    public bool FastTrack { get; init; }

    /// <summary>Seconds since its last heartbeat within which an agent counts as running (Ironic's default, 300).</summary>
    public int FastTrackTimeout { get; init; } = 300;

    internal static DeployOptions Bind(ConfigSource s)
    {
        const string S = "deploy";
        return new DeployOptions
        {
            FastTrack = s.Bool(S, "fast_track", false),
            FastTrackTimeout = s.Int(S, "fast_track_timeout", 300, 0, 300),
        };
    }
}
