using System.Diagnostics;
using System.IO.Compression;

namespace Ironic.Testing;

/// <summary>
/// Reads an ISO 9660 image with tools that know nothing of this code base: <c>xorriso</c> (libisofs) extracts the
/// files through the chosen name tree, <c>blkid</c> (what cloud-init uses to find <c>config-2</c>) probes the type
/// and label. Both come from Debian (scripts/install-test-deps.sh).
/// </summary>
public static class IsoImageReader
{
    /// <summary>
    /// Which names to read (xorriso's <c>-read_fs</c>): Rock Ridge (<c>nojoliet</c>, as Linux mounts it), Joliet
    /// (<c>norock</c>), plain ISO 9660 (<c>ecma119</c>, version and trailing dot stripped), or the best there is (<c>any</c>).
    /// A tree that is missing falls back to the plain names, which keep no dash: tests can tell.
    /// </summary>
    public static async Task<IsoImageContents> ReadAsync(byte[] image, string tree = "any")
    {
        var dir = Directory.CreateTempSubdirectory("iso-read-");
        try
        {
            var file = Path.Combine(dir.FullName, "image.iso");
            await File.WriteAllBytesAsync(file, image).ConfigureAwait(false);
            var extracted = Path.Combine(dir.FullName, "files");
            await RunAsync("xorriso", "-abort_on", "FAILURE", "-read_fs", tree, "-osirrox", "on", "-indev", file, "-extract", "/", extracted).ConfigureAwait(false);
            var files = Directory.EnumerateFiles(extracted, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(extracted, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes, StringComparer.Ordinal);
            var probe = (await RunAsync("blkid", "-p", "-o", "export", file).ConfigureAwait(false))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('=', 2))
                .Where(kv => kv.Length == 2)
                .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
            return new IsoImageContents(probe.GetValueOrDefault("TYPE"), probe.GetValueOrDefault("LABEL"), files);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Reads a config drive as Ironic hands it to the agent: base64 of the gzipped image.</summary>
    public static Task<IsoImageContents> ReadConfigDriveAsync(string base64Gzip, string tree = "any")
    {
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(base64Gzip)), CompressionMode.Decompress);
        using var image = new MemoryStream();
        gzip.CopyTo(image);
        return ReadAsync(image.ToArray(), tree);
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return process.ExitCode == 0
            ? await stdout.ConfigureAwait(false)
            : throw new InvalidOperationException($"`{tool} {string.Join(' ', args)}` failed ({process.ExitCode}): {await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
    }
}
