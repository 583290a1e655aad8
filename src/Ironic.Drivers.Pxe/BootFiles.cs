namespace Ironic.Drivers.Pxe;

/// <summary>
/// File operations for what a TFTP or HTTP server serves: readable by other users, replaced
/// atomically, links replaced in place, and removal that tolerates what is already gone.
/// </summary>
internal static class BootFiles
{
    public static void EnsureDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            // rwxr-xr-x: the TFTP or HTTP server, usually another user, must read what we write.
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>Writes beside and renames over, so a boot loader fetching the file never reads half of it.</summary>
    public static void Write(string path, string content)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Makes <paramref name="path"/> a symbolic link to <paramref name="target"/>, replacing what was there.</summary>
    public static void Link(string path, string target)
    {
        Delete(path);
        File.CreateSymbolicLink(path, target);
    }

    /// <summary>Deletes a file or link if present (File.Exists is false for a dangling link, which still has to go).</summary>
    public static void Delete(string path)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }
}
