using Xunit;

namespace Reach.Lab.Tests;

/// <summary>The corpus uses namespaces of its own (l-cc, l-ch, l-cx): its runs never overlap each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalCorpusGroup
{
    public const string Name = "local-corpus";
}
