namespace Ironic.Drivers.Pxe.Tests;

/// <summary>Where these tests look: the boot roots the interfaces default to, and the hand-made driver behind a task.</summary>
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
        /// <summary>The recording driver the task was made with.</summary>
        public TestDriver TestDriver => (TestDriver)task.Driver;
    }
}
