using Reach.Core.Text;

namespace Reach.Engine;

/// <summary>
/// The target is not something a connection can go to (a broadcast address of this host's own subnet):
/// bad input, found only once the interfaces are read. The message says what it is and what to give.
/// </summary>
public sealed class TargetRefusedException(Message reason) : Exception(reason.ToString())
{
    /// <summary>What the target is and what to give, as a message the CLI says in the reader's language.</summary>
    public Message Reason { get; } = reason;
}
