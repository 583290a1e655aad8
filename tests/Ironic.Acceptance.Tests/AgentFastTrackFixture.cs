using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>The agent fixture's server with <c>[deploy] fast_track = true</c>: a running agent is reused between operations.</summary>
public sealed class AgentFastTrackFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public AgentServerFixture Agent { get; } = new(diagnostics) { ExtraDeployOptions = "fast_track = true" };

    public Task InitializeAsync() => Agent.InitializeAsync();

    public Task DisposeAsync() => Agent.DisposeAsync();
}
