namespace Ironic.Common.Config;

/// <summary>One raw option value and where it came from (file:line or environment variable).</summary>
internal sealed record ConfigValue(string Value, string Source);
