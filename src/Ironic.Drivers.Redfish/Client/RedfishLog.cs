using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Redfish;

/// <summary>The redfish driver's log lines. None of them takes a password or an auth token.</summary>
internal static partial class RedfishLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Redfish {Method} {Path} at {Address} failed ({Reason}), attempt {Attempt} of {Attempts}; retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string method, string path, string address, string reason, int attempt, int attempts, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Opened a Redfish session at {Address} for user {Username}")]
    public static partial void SessionOpened(ILogger logger, string address, string? username);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redfish session at {Address} was refused (HTTP {Status}); using basic authentication from now on")]
    public static partial void FallingBackToBasic(ILogger logger, string address, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redfish session at {Address} is no longer valid; logging in again")]
    public static partial void SessionExpired(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redfish task {Location} at {Address} is still running")]
    public static partial void TaskRunning(ILogger logger, string location, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set a persistent boot device {Device} on node {Node} ({Error}); using a one-time boot device, set again before each power on")]
    public static partial void PersistentBootFallback(ILogger logger, string device, string node, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not restore boot device {Device} on node {Node}; relying on the configured boot order. Error: {Error}")]
    public static partial void RestoreBootDeviceFailed(ILogger logger, string device, string node, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading {What} of node {Node} failed: {Error}")]
    public static partial void PartialReadFailed(ILogger logger, string what, string node, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unknown CPU architecture {Arch} discovered on node {Node}")]
    public static partial void UnknownArch(ILogger logger, string arch, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created port {Mac} for node {Node} during inspection")]
    public static partial void PortCreated(ILogger logger, string mac, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "A port with MAC {Mac} already exists; not created for node {Node}")]
    public static partial void PortExists(ILogger logger, string mac, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not determine a local disk size for node {Node}; assuming a disk-less node")]
    public static partial void NoLocalDisk(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cannot read the BIOS attribute registry of node {Node}: {Error}")]
    public static partial void NoBiosRegistry(ILogger logger, string node, string error);
}
