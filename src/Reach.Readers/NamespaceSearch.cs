namespace Reach.Readers;

/// <summary>How the search for the network namespace that owns an address ended (<see cref="NamespaceReader.OwnerOfAsync"/>).</summary>
public enum NamespaceSearch
{
    /// <summary>Exactly one other namespace on this host has the address.</summary>
    Found,

    /// <summary>The namespaces were listed and none has it: the address is on another host, or its container is gone.</summary>
    NoneHasIt,

    /// <summary>More than one namespace has it: which one gets the packet cannot be told.</summary>
    SeveralHaveIt,

    /// <summary>No other namespace could be listed at all: nothing is known.</summary>
    NoneListed,
}
