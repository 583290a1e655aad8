using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// The agent fixture's server with callback timeouts short enough to wait for in a test (25 s, checked every
/// 5 s): for agents that die mid-step. A server of its own, so the other agent tests keep Ironic's timeouts.
/// </summary>
public sealed class AgentTimeoutFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const int CallbackTimeoutSeconds = 25;

    public AgentServerFixture Agent { get; } = new(diagnostics)
    {
        ExtraSections = $"""
            [conductor]
            deploy_callback_timeout = {CallbackTimeoutSeconds}
            clean_callback_timeout = {CallbackTimeoutSeconds}
            check_provision_state_interval = 5
            """,
    };

    public Task InitializeAsync() => Agent.InitializeAsync();

    public Task DisposeAsync() => Agent.DisposeAsync();
}
