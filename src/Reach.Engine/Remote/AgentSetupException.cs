using Reach.Core.Text;

namespace Reach.Engine.Remote;

/// <summary>The credentials for https:// remotes cannot be used (an unreadable token, a certificate that does not load): bad input, said before anything is probed.</summary>
public sealed class AgentSetupException(Message reason) : Exception(reason.ToString())
{
    public Message Reason { get; } = reason;
}
