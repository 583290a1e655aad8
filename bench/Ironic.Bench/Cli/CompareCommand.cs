using System.CommandLine;
using Ironic.Bench.Reporting;
using Spectre.Console;

namespace Ironic.Bench.Cli;

/// <summary><c>ironic-bench compare</c>: two <c>run --json</c> results side by side, with ratios and the targets.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var ours = new Option<FileInfo>("--ours") { Description = "JSON from the run against our service.", Required = true };
        var reference = new Option<FileInfo>("--reference") { Description = "JSON from the run against the reference Ironic.", Required = true };
        var markdown = new Option<FileInfo?>("--markdown") { Description = "Also write the table as Markdown to this file." };
        var command = new Command("compare", "Print the ratio per scenario of two runs.") { ours, reference, markdown };
        command.SetAction(async (parse, ct) =>
        {
            var o = BenchReport.Load(parse.GetValue(ours)!.FullName);
            var r = BenchReport.Load(parse.GetValue(reference)!.FullName);
            var rows = Comparison.Rows(o, r);

            var console = ConsoleFactory.Stdout();
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"{Markup.Escape(o.Label)} vs {Markup.Escape(r.Label)}: N={o.Nodes}, C={o.Concurrency}");
            foreach (var column in new[] { "scenario", "metric", o.Label, r.Label, "ours better by", "target", "met", "detail (ours/reference)" })
            {
                table.AddColumn(Markup.Escape(column));
            }

            foreach (var row in rows)
            {
                var met = row.Met switch { true => "[green]yes[/]", false => "[red]no[/]", null => string.Empty };
                table.AddRow(Markup.Escape(row.Scenario), Markup.Escape(row.Metric), row.Ours, row.Reference,
                    Comparison.RatioText(row.Ratio), Markup.Escape(row.Target), met, Markup.Escape(row.Detail));
            }

            console.Write(table);
            if (o.Nodes != r.Nodes || o.Concurrency != r.Concurrency || o.ApiVersion != r.ApiVersion)
            {
                console.MarkupLine("[yellow]warning: the two runs differ in N, C or microversion[/]");
            }

            if (parse.GetValue(markdown) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, Comparison.Markdown(o, r, rows), ct).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
