using Spectre.Console;

namespace Ironic.Bench.Reporting;

/// <summary>Spectre console on stdout that keeps tables whole when the output goes to a file or a pipe.</summary>
internal static class ConsoleFactory
{
    public static IAnsiConsole Stdout()
    {
        var redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            // Spectre assumes 80 columns without a terminal and would wrap the cells.
            console.Profile.Width = 200;
        }

        return console;
    }
}
