using Ironic.Common.Config;
using Ironic.Conductor.Loading;
using Ironic.Drivers;

namespace Ironic.Commands;

/// <summary>
/// <c>ironic driver-types [--all]</c>: every hardware type and interface found in the plugin
/// directories, enabled or not (the seed's entry-point listing script). Fakes only with <c>--all</c>.
/// </summary>
internal static class DriverTypesCommand
{
    public static int Run(IronicOptions options, bool all)
    {
        var catalog = DriverCatalog.Discover(options.Default.PluginDirs);
        DriverRegistry? registry = null;
        string? configProblem = null;
        try
        {
            registry = new DriverRegistry(catalog, options);
        }
        catch (ConfigError e)
        {
            configProblem = e.Message;
        }

        bool Shown(string name) => all || !name.StartsWith("fake", StringComparison.Ordinal);

        Console.WriteLine("Hardware types (ironic.hardware.types):");
        foreach (var name in catalog.Names(DriverCatalog.HardwareTypeKind).Where(Shown))
        {
            var enabled = registry?.HardwareTypes.ContainsKey(name) == true ? "  [enabled]" : "";
            Console.WriteLine($"  {name,-28}{Describe(catalog.Find(DriverCatalog.HardwareTypeKind, name)!)}{enabled}");
        }

        foreach (var kind in InterfaceKind.All)
        {
            Console.WriteLine($"{char.ToUpperInvariant(kind[0])}{kind[1..]} interfaces (ironic.hardware.interfaces.{kind}):");
            foreach (var name in catalog.Names(kind).Where(Shown))
            {
                var enabled = registry?.Enabled(kind).Contains(name) == true ? "  [enabled]" : "";
                Console.WriteLine($"  {name,-28}{Describe(catalog.Find(kind, name)!)}{enabled}");
            }
        }

        foreach (var problem in catalog.Problems)
        {
            Console.Error.WriteLine($"skipped {problem.Source}: {problem.Reason}");
        }

        if (configProblem is not null)
        {
            Console.Error.WriteLine($"configuration error (nothing marked enabled): {configProblem}");
            return 2;
        }

        return 0;
    }

    private static string Describe(CatalogEntry e) => $"{e.Type.FullName} ({Path.GetFileName(e.Source)})";
}
