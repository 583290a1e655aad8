using Ironic.Conductor.States;

namespace Ironic.Api.Tests;

public sealed class StateDiagramTests
{
    [Fact]
    public void DocsStatesMd_IsTheDiagramOfTheCurrentTable()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ironic.slnx")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var docs = File.ReadAllText(Path.Combine(dir.FullName, "docs", "states.md"));

        // Regenerate with: ironic state-diagram > docs/states.md
        Assert.Equal(StateDiagram.Markdown(), docs);
    }

    [Fact]
    public void EveryTransientState_HasAFailedStateForRecovery()
    {
        foreach (var state in ProvisionStateMachine.States.Where(s => !ProvisionStateMachine.StableStates.Contains(s)))
        {
            var failed = ProvisionStateMachine.FailedStateOf(state);
            Assert.True(failed is not null, $"{state} has no 'fail' transition");
            Assert.Contains(failed, ProvisionStateMachine.StableStates);
        }
    }
}
