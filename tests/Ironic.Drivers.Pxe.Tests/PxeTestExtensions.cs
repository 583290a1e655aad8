namespace Ironic.Drivers.Pxe.Tests;

/// <summary>Where these tests look: the boot roots the interfaces default to, and the recording BMC behind a task.</summary>
internal static class PxeTestExtensions
{
    extension(TestDriverServices services)
    {
        /// <summary><c>[pxe] tftp_root</c> when not configured.</summary>
        public string TftpRoot => Path.Combine(services.StatePath, "tftpboot");

        /// <summary><c>[deploy] http_root</c> when not configured.</summary>
        public string HttpRoot => Path.Combine(services.StatePath, "httpboot");
    }

    extension(TestTaskContext task)
    {
        /// <summary>The power side of the task's <see cref="RecordingDriver"/>.</summary>
        public RecordingPower RecordingPower => (RecordingPower)task.Driver.Power;

        /// <summary>The management side of the task's <see cref="RecordingDriver"/>.</summary>
        public RecordingManagement RecordingManagement => (RecordingManagement)task.Driver.Management;

        /// <summary>What the deploy interface asked of the network and storage interfaces, in order.</summary>
        public List<string> NetworkAndStorageCalls => ((RecordingNetwork)task.Driver.Network).Calls;
    }
}
