namespace Ironic.Drivers.Fake;

/// <summary>The error every no-op interface answers with, worded as Ironic's.</summary>
internal static class Unsupported
{
    public static UnsupportedDriverExtension For(string driver, string extension) =>
        new($"Driver {driver} does not support {extension} (disabled or not implemented).");

    public static UnsupportedDriverExtension For(ITaskContext task, BaseInterface iface) => For(task.Node.Driver, iface.Kind);
}
