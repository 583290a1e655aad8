namespace Ironic.Drivers.Pxe.Tests;

/// <summary>A BMC's management side in memory: records every boot device and boot mode change.</summary>
internal sealed class RecordingManagement : ManagementInterface
{
    public List<(string Device, bool Persistent)> BootDevices { get; } = [];

    public List<string> BootModesSet { get; } = [];

    /// <summary>What the BMC reports as its boot mode; null: it cannot tell.</summary>
    public string? BootMode { get; set; }

    /// <summary>False to behave like a BMC without boot mode support.</summary>
    public bool SupportsBootMode { get; set; } = true;

    public override IReadOnlyList<string> GetSupportedBootDevices(ITaskContext task) => [BootDevice.Pxe, BootDevice.Disk];

    public override Task SetBootDeviceAsync(ITaskContext task, string device, bool persistent, CancellationToken ct)
    {
        BootDevices.Add((device, persistent));
        return Task.CompletedTask;
    }

    public override Task<BootDeviceInfo> GetBootDeviceAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult(BootDevices.Count == 0 ? new BootDeviceInfo(null, null) : new BootDeviceInfo(BootDevices[^1].Device, BootDevices[^1].Persistent));

    public override IReadOnlyList<string> GetSupportedBootModes(ITaskContext task) =>
        SupportsBootMode ? Drivers.BootMode.All : base.GetSupportedBootModes(task);

    public override Task<string?> GetBootModeAsync(ITaskContext task, CancellationToken ct) =>
        SupportsBootMode ? Task.FromResult(BootMode) : base.GetBootModeAsync(task, ct);

    public List<bool> SecureBootStates { get; } = [];

    public override Task SetSecureBootStateAsync(ITaskContext task, bool enabled, CancellationToken ct)
    {
        SecureBootStates.Add(enabled);
        return Task.CompletedTask;
    }

    public override Task SetBootModeAsync(ITaskContext task, string mode, CancellationToken ct)
    {
        if (!SupportsBootMode)
        {
            return base.SetBootModeAsync(task, mode, ct);
        }

        BootModesSet.Add(mode);
        BootMode = mode;
        return Task.CompletedTask;
    }
}
