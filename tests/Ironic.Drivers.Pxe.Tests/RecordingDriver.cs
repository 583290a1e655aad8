namespace Ironic.Drivers.Pxe.Tests;

/// <summary>Drivers of the boot and deploy interfaces under test, with a BMC in memory (power and management that record what they were asked) and recording network and storage.</summary>
internal static class RecordingDriver
{
    public static TestDriver Create(BootInterface boot, DeployInterface? deploy = null)
    {
        List<string> calls = [];
        BaseInterface[] bmc = [new RecordingManagement(), new RecordingPower(), new RecordingNetwork(calls), new RecordingStorage(calls)];
        return new("test-hardware", new TestHardware(), deploy is null ? [boot, .. bmc] : [boot, deploy, .. bmc]);
    }

    private sealed class TestHardware : GenericHardware
    {
        public override IReadOnlyList<string> SupportedManagementInterfaces => ["recording"];

        public override IReadOnlyList<string> SupportedPowerInterfaces => ["recording"];
    }
}
