namespace Ironic.Drivers;

/// <summary>
/// RAID configuration of the node's disks. Changes run as clean or deploy steps an implementation declares
/// by attribute; Ironic's <c>create_configuration</c>, <c>delete_configuration</c> and <c>validate_raid_config</c>
/// are not in the contract until a flow here calls them.
/// </summary>
public abstract class RaidInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Raid;

    /// <summary>The properties a logical disk may specify, each with its description.</summary>
    public virtual IReadOnlyDictionary<string, string> GetLogicalDiskProperties() => new Dictionary<string, string>
    {
        ["size_gb"] = "Size (Integer) of the logical disk to be created in GiB. 'MAX' may be specified if the logical disk should use all of the remaining space available. Required.",
        ["raid_level"] = "RAID level for the logical disk. Valid values are 'JBOD', '0', '1', '2', '5', '6', '1+0', '5+0' and '6+0'. Required.",
        ["volume_name"] = "Name of the volume. Should be unique within the Node. Optional.",
        ["is_root_volume"] = "Specifies whether this disk is a root volume. By default, this is False. Optional.",
        ["share_physical_disks"] = "Specifies whether other logical disks can share physical disks with this logical disk. By default, this is False. Optional.",
        ["disk_type"] = "The type of disk preferred. Valid values are 'hdd' and 'ssd'. If this is not specified, disk type will not be a selection criterion for choosing backing physical disks. Optional.",
        ["interface_type"] = "The interface type of disk. Valid values are 'sata', 'scsi' and 'sas'. If this is not specified, interface type will not be a selection criterion for choosing backing physical disks. Optional.",
        ["number_of_physical_disks"] = "The number of disks to use for this logical disk. By default, the least number of disks required for the RAID level is used. Optional.",
        ["controller"] = "Controller to use for this logical disk. If not specified, the driver will choose a suitable RAID controller on the bare metal node. Optional.",
        ["physical_disks"] = "The physical disks to use for this logical disk. If not specified, the driver will choose suitable physical disks to use. Optional.",
    };
}
