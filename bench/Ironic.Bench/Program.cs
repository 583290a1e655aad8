using System.CommandLine;
using Ironic.Bench.Cli;

var root = new RootCommand("Load generator for Ironic-compatible Bare Metal APIs: drives an endpoint over HTTP as a client would.")
{
    RunCommand.Create(),
    CompareCommand.Create(),
    AgentsCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
