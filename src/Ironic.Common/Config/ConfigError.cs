namespace Ironic.Common.Config;

/// <summary>A configuration problem that stops start-up; the message names the option and file.</summary>
public sealed class ConfigError(string message) : Exception(message);
