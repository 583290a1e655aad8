namespace Ironic.Api.Resources;

/// <summary>Who may write a field through the API.</summary>
public enum FieldAccess
{
    /// <summary>Set at create and by PATCH.</summary>
    Writable,

    /// <summary>Set at create only (a UUID), never patched.</summary>
    CreateOnly,

    /// <summary>Managed by the service; shown, never written by a client.</summary>
    Internal,
}
