using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// Collection fixture giving every acceptance collection the same started <c>ironic all</c> process.
/// xunit runs the tests of one collection one after another, so the tests are split over several
/// collections (see <see cref="Collections"/>) that run in parallel; this fixture reference-counts one
/// shared <see cref="IronicProcess"/> across them: the first collection to start launches it, the last
/// to finish kills it and deletes its temp directory.
/// </summary>
public sealed class IronicServerFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IronicProcess? shared;
    private static int users;
    private static Exception? startFailure;
    private bool acquired;

    static IronicServerFixture()
    {
        // Safety net should the runner end without disposing the collection fixtures.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => shared?.Dispose();
    }

    public IronicProcess Server { get; private set; } = null!;

    /// <summary>A CLI runner against the server that logs each command to <paramref name="output"/>.</summary>
    public BaremetalCli Cli(ITestOutputHelper output) => new(Server, output);

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (startFailure is not null)
            {
                // Do not pay the start-up timeout once per collection.
                throw new InvalidOperationException("ironic all failed to start (see the first failure).", startFailure);
            }

            if (shared is null)
            {
                try
                {
                    shared = await IronicProcess.StartAsync();
                }
                catch (Exception e)
                {
                    startFailure = e;
                    throw;
                }

                diagnostics.OnMessage(new DiagnosticMessage(
                    $"Acceptance: started `ironic all` on {shared.Endpoint}; launch to first answer of GET / took {shared.StartupTime.TotalSeconds:0.000} s"));
            }

            users++;
            acquired = true;
            Server = shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (acquired && --users == 0)
            {
                shared?.Dispose();
                shared = null;
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>The acceptance collections; each runs its classes sequentially, the collections in parallel.</summary>
public static class Collections
{
    public const string Nodes = "acceptance-nodes";
    public const string Pagination = "acceptance-pagination";
    public const string Ports = "acceptance-ports";
    public const string Chassis = "acceptance-chassis";
    public const string Errors = "acceptance-errors";
    public const string Drivers = "acceptance-drivers";
    public const string NodeHardware = "acceptance-node-hardware";
    public const string Passthru = "acceptance-passthru";
    public const string Provisioning = "acceptance-provisioning";

    /// <summary>Tests that start the real agent: one at a time (its port and loop devices are the machine's).</summary>
    public const string Agent = "acceptance-agent";
    public const string Cleaning = "acceptance-cleaning";
    public const string Rescue = "acceptance-rescue";

    /// <summary>Own server: the out-of-tree sample plugin, built and enabled (<see cref="PluginServerFixture"/>).</summary>
    public const string Plugin = "acceptance-plugin";

    /// <summary>Own server, killed and restarted by the test.</summary>
    public const string Recovery = "acceptance-recovery";
}

[CollectionDefinition(Collections.Nodes)]
public sealed class NodesCollection : ICollectionFixture<IronicServerFixture>;

[CollectionDefinition(Collections.Pagination)]
public sealed class PaginationCollection : ICollectionFixture<IronicServerFixture>;

[CollectionDefinition(Collections.Ports)]
public sealed class PortsCollection : ICollectionFixture<IronicServerFixture>;

[CollectionDefinition(Collections.Chassis)]
public sealed class ChassisCollection : ICollectionFixture<IronicServerFixture>;

[CollectionDefinition(Collections.Errors)]
public sealed class ErrorsCollection : ICollectionFixture<IronicServerFixture>;

[CollectionDefinition(Collections.Drivers)]
public sealed class DriversCollection : ICollectionFixture<IronicServerFixture>;

[CollectionDefinition(Collections.NodeHardware)]
public sealed class NodeHardwareCollection : ICollectionFixture<IronicServerFixture>;

[CollectionDefinition(Collections.Passthru)]
public sealed class PassthruCollection : ICollectionFixture<IronicServerFixture>;

[CollectionDefinition(Collections.Provisioning)]
public sealed class ProvisioningCollection : ICollectionFixture<IronicServerFixture>;

[CollectionDefinition(Collections.Cleaning)]
public sealed class CleaningCollection : ICollectionFixture<IronicServerFixture>;

[CollectionDefinition(Collections.Rescue)]
public sealed class RescueCollection : ICollectionFixture<IronicServerFixture>;

[CollectionDefinition(Collections.Plugin)]
public sealed class PluginCollection : ICollectionFixture<PluginServerFixture>;

[CollectionDefinition(Collections.Recovery)]
public sealed class RecoveryCollection;
