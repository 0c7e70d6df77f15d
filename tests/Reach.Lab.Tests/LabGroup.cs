using Xunit;

namespace Reach.Lab.Tests;

/// <summary>There is one lab: its scenarios run one after another, never in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabGroup
{
    public const string Name = "lab";
}
