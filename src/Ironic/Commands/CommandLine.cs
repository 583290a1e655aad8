using Ironic.Common.Config;

namespace Ironic.Commands;

/// <summary>
/// <c>ironic &lt;command&gt; [--config-file FILE]...</c>. Configuration errors end the process with a
/// message naming the option and the file, and exit code 2.
/// </summary>
internal static class CommandLine
{
    private const string Usage = """
        usage: ironic <command> [--config-file FILE]...

        commands:
          all       run the API and the conductor in one process
          dbsync    create or upgrade the database schema, then exit
          state-diagram
                    print the provision state machine as Markdown (docs/states.md)
          driver-types [--all]
                    list every hardware type and interface found in the plugin
                    directories, enabled or not (--all includes the fake ones)

        --config-file FILE   an ironic.conf file (INI); repeat to layer files, later ones win.
        Options may also come from IRONIC_<SECTION>__<OPTION> environment variables.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var files = new List<string>();
        var all = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--all" && args[0] == "driver-types")
            {
                all = true;
            }
            else if (args[i] == "--config-file" && i + 1 < args.Length)
            {
                files.Add(args[++i]);
            }
            else if (args[i].StartsWith("--config-file=", StringComparison.Ordinal))
            {
                files.Add(args[i]["--config-file=".Length..]);
            }
            else
            {
                Console.Error.WriteLine($"ironic: unknown argument '{args[i]}'.\n\n{Usage}");
                return 2;
            }
        }

        IronicOptions options;
        try
        {
            options = IronicOptions.Load(files);
        }
        catch (ConfigError e)
        {
            Console.Error.WriteLine($"ironic: configuration error: {e.Message}");
            return 2;
        }

        try
        {
            return args[0] switch
            {
                "all" => await AllCommand.RunAsync(options).ConfigureAwait(false),
                "dbsync" => await DbSyncCommand.RunAsync(options).ConfigureAwait(false),
                "driver-types" => DriverTypesCommand.Run(options, all),
                "state-diagram" => StateDiagramCommand(),
                _ => Unknown(args[0]),
            };
        }
        catch (ConfigError e)
        {
            Console.Error.WriteLine($"ironic: configuration error: {e.Message}");
            return 2;
        }
    }

    private static int StateDiagramCommand()
    {
        Console.Write(Ironic.Conductor.States.StateDiagram.Markdown());
        return 0;
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"ironic: unknown command '{command}'.\n\n{Usage}");
        return 2;
    }
}
