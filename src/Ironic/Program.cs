using Ironic.Commands;

return await CommandLine.RunAsync(args).ConfigureAwait(false);
