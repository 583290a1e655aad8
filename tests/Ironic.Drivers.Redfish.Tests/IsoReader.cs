using System.Diagnostics;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>Reads a built ISO back with xorriso, as a second, independent reader of what the builder wrote.</summary>
internal static class IsoReader
{
    /// <summary>The ISO's regular files, as absolute ISO paths.</summary>
    public static async Task<List<string>> FilesAsync(string iso) =>
        [.. (await RunAsync("xorriso", "-indev", iso, "-find", "/", "-type", "f")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Trim('\''))];

    /// <summary>xorriso's El Torito report: the boot catalogue's entries with their platform (BIOS, UEFI).</summary>
    public static Task<string> ElToritoAsync(string iso) => RunAsync("xorriso", "-indev", iso, "-report_el_torito", "plain");

    /// <summary>The text of one file in the ISO.</summary>
    public static async Task<string> ReadTextAsync(string iso, string path) => await File.ReadAllTextAsync(await ExtractAsync(iso, path));

    public static async Task<string> ExtractAsync(string iso, string path)
    {
        // Beside the ISO, in the test's own directory, which the test removes.
        var target = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(iso))!, "extract-" + Guid.NewGuid().ToString("N"));
        await RunAsync("xorriso", "-osirrox", "on", "-indev", iso, "-extract", path, target);
        return target;
    }

    public static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MTOOLS_SKIP_CHECK"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {await stderr}");
        return await stdout;
    }
}
