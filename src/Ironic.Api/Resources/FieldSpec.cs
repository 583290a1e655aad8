namespace Ironic.Api.Resources;

/// <summary>
/// How the API treats one field: the microversion that shows it, the one that lets clients write it
/// (when later, as for a portgroup's mode), who writes it, and whether it is required.
/// </summary>
public sealed record FieldSpec(string Name, int MinVersion = 1, FieldAccess Access = FieldAccess.Writable, bool Mandatory = false, int? WriteVersion = null)
{
    public int WriteMinVersion => WriteVersion ?? MinVersion;
}
