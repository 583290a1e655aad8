namespace Ironic.Common.Config;

/// <summary>The <c>[agent]</c> section: how the conductor talks to the deploy agent (ironic-python-agent).</summary>
public sealed class AgentOptions
{
    /// <summary>Refuse heartbeats whose callback URL is not https:// (Ironic's default; the agent's auto-TLS gives one).</summary>
    public bool RequireTls { get; init; } = true;

    /// <summary>Where the CA certificates agents send with their heartbeats are kept, one file per node.</summary>
    public required string CertificatesPath { get; init; }

    /// <summary>Seconds an agent command may take to answer.</summary>
    public int CommandTimeout { get; init; } = 60;

    /// <summary>Attempts for an agent command that fails on the network.</summary>
    public int MaxCommandAttempts { get; init; } = 3;

    internal static AgentOptions Bind(ConfigSource s, DefaultOptions d)
    {
        const string S = "agent";
        return new AgentOptions
        {
            RequireTls = s.Bool(S, "require_tls", true),
            // Ironic's default is /var/lib/ironic/certificates; ours follows state_path, as every other file does.
            CertificatesPath = s.OptionalString(S, "certificates_path") ?? Path.Combine(d.StatePath, "certificates"),
            CommandTimeout = s.Int(S, "command_timeout", 60, 1),
            MaxCommandAttempts = s.Int(S, "max_command_attempts", 3, 1),
        };
    }
}
