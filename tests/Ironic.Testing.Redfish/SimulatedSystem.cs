namespace Ironic.Testing.Redfish;

/// <summary>
/// One ComputerSystem behind the emulator, with the state a real machine would have. Tests read and
/// change it directly ("behind the BMC's back"); the emulator changes it as Redfish requests arrive.
/// Changes from a test are single assignments, so they need no lock.
/// </summary>
public sealed class SimulatedSystem
{
    internal SimulatedSystem(string id, int index)
    {
        Id = id;
        Uuid = $"6a1f2c3e-0000-4000-8000-{index + 1:x12}";
        Nics =
        [
            new SimulatedNic("NIC1", $"52:54:00:aa:{index / 256 % 256:x2}:{index % 256:x2}"),
            new SimulatedNic("NIC2", $"52:54:00:bb:{index / 256 % 256:x2}:{index % 256:x2}"),
        ];
    }

    public string Id { get; }

    /// <summary>The system's path, as <c>redfish_system_id</c> names it.</summary>
    public string Path => "/redfish/v1/Systems/" + Id;

    public string Uuid { get; }

    /// <summary>On, Off, PoweringOn, PoweringOff.</summary>
    public string PowerState { get; set; } = "Off";

    /// <summary>
    /// When above zero, a power change shows only after this many more GETs of the system (a BMC
    /// slow to act); until then the old state is reported.
    /// </summary>
    public int LagGets { get; set; }

    internal string? PendingPowerState { get; set; }

    internal int PendingGets { get; set; }

    public string BootTarget { get; set; } = "None";

    /// <summary>Disabled, Once, Continuous.</summary>
    public string BootEnabled { get; set; } = "Disabled";

    /// <summary>UEFI or Legacy; null: the system has no BootSourceOverrideMode at all.</summary>
    public string? BootMode { get; set; } = "UEFI";

    public IReadOnlyList<string> AllowedBootTargets { get; set; } = ["None", "Pxe", "Hdd", "Cd", "BiosSetup", "UefiHttp", "Usb"];

    /// <summary>A BMC that refuses a Continuous override with 400 (Ironic then falls back to Once).</summary>
    public bool RejectContinuous { get; set; }

    /// <summary>How many times the machine booted (off to on, or a restart).</summary>
    public int Boots { get; set; }

    /// <summary>The override target the last boot used, or null when it booted its normal order.</summary>
    public string? LastBootTarget { get; set; }

    public string? LastResetType { get; set; }

    public int NmiCount { get; set; }

    public int MemoryGiB { get; set; } = 32;

    /// <summary>Processor architecture as Redfish spells it (x86, ARM, ...); null leaves it out.</summary>
    public string? ProcessorArchitecture { get; set; } = "x86";

    /// <summary>Threads per processor; the system has two processors.</summary>
    public int ThreadsPerProcessor { get; set; } = 16;

    public List<SimulatedNic> Nics { get; }

    /// <summary>SimpleStorage device sizes (one controller).</summary>
    public List<long> SimpleStorageDisks { get; } = [480_103_981_056, 2_000_000_000];

    /// <summary>Storage drive sizes (one controller).</summary>
    public List<long> StorageDrives { get; } = [960_197_124_096];

    /// <summary>Storage volume sizes; when present they win over the drives.</summary>
    public List<long> StorageVolumes { get; } = [];

    /// <summary>False: no Bios resource at all.</summary>
    public bool HasBios { get; set; } = true;

    public Dictionary<string, object?> BiosAttributes { get; set; } = DefaultBios();

    /// <summary>Attributes PATCHed into Bios/Settings, applied at the next boot.</summary>
    public Dictionary<string, object?> PendingBios { get; } = [];

    /// <summary>Set by Bios.ResetBios: the defaults come back at the next boot.</summary>
    public bool BiosResetPending { get; set; }

    /// <summary>Attribute names the BMC accepts but never applies (a verification failure).</summary>
    public HashSet<string> StickyBiosAttributes { get; } = [];

    /// <summary>Null: no SecureBoot resource.</summary>
    public bool? SecureBootEnabled { get; set; } = false;

    public static Dictionary<string, object?> DefaultBios() => new()
    {
        ["BootMode"] = "Uefi",
        ["ProcTurboMode"] = "Enabled",
        ["EmbeddedSata"] = "Raid",
        ["NumCores"] = 8,
        ["AdminPhone"] = "",
    };

    internal void Boot()
    {
        Boots++;
        LastBootTarget = BootEnabled == "Disabled" ? null : BootTarget;
        if (BootEnabled == "Once")
        {
            BootEnabled = "Disabled";
            BootTarget = "None";
        }

        if (BiosResetPending)
        {
            BiosAttributes = DefaultBios();
            BiosResetPending = false;
        }

        foreach (var (name, value) in PendingBios)
        {
            if (!StickyBiosAttributes.Contains(name))
            {
                BiosAttributes[name] = value;
            }
        }

        PendingBios.Clear();
    }
}
