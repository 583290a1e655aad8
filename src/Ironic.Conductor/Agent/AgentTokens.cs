using System.Security.Cryptography;
using System.Text;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Agent;

/// <summary>
/// The agent token and what the agent told us of itself, kept in driver_internal_info as Ironic keeps them:
/// the token is issued once, at lookup; every heartbeat must carry it; it and the agent's URL and CA are
/// wiped when the operation that booted the agent ends, so the next agent has to look up again.
/// </summary>
public static class AgentTokens
{
    public const string Token = "agent_secret_token";
    public const string Pregenerated = "agent_secret_token_pregenerated";
    public const string Url = "agent_url";
    public const string Version = "agent_version";
    public const string VerifyCa = "agent_verify_ca";
    public const string LastHeartbeat = "agent_last_heartbeat";

    /// <summary>What an ended operation removes (Ironic's <c>wipe_token_and_url</c>).</summary>
    public static readonly string[] WipedKeys = [Token, Pregenerated, Url, VerifyCa];

    public static bool IsPresent(Node node) => node.DriverInternalInfo[Token] is not null;

    /// <summary>A new token of 32 random bytes, URL-safe base64 without padding (43 characters, as Ironic's).</summary>
    public static string Issue(Node node)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        node.DriverInternalInfo[Token] = token;
        node.DriverInternalInfo.Remove(Pregenerated);
        return token;
    }

    /// <summary>True when <paramref name="token"/> is the node's token; no token is never valid. Compared in constant time.</summary>
    public static bool IsValid(Node node, string? token) =>
        token is not null && node.DriverInternalInfo[Token]?.GetValue<string>() is { } known
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(known), Encoding.UTF8.GetBytes(token));

    /// <summary>
    /// What a power off or reboot makes stale (Ironic's <c>wipe_internal_info_on_power_off</c>): the agent's URL
    /// and CA (a new boot brings new ones), its token unless pre-generated, and the steps it offered.
    /// </summary>
    public static void WipeOnPowerOff(Node node, string target)
    {
        if (target == Drivers.PowerState.On)
        {
            return;
        }

        var info = node.DriverInternalInfo;
        info.Remove(Url);
        info.Remove(VerifyCa);
        if (info[Pregenerated]?.GetValue<bool>() != true)
        {
            info.Remove(Token);
        }

        info.Remove("agent_cached_deploy_steps");
        info.Remove("agent_cached_clean_steps");
    }

    public static void Wipe(Node node)
    {
        foreach (var key in WipedKeys)
        {
            node.DriverInternalInfo.Remove(key);
        }
    }
}
