namespace Ironic.Common.Rpc;

/// <summary>One interface's answer to node validation: passed, failed with a reason, or not applicable (null).</summary>
public sealed record InterfaceValidation(bool? Result, string? Reason);
