using System.Net;
using Reach.Core.Targets;

namespace Reach.Core.Batch;

/// <summary>One line of the matrix: from where, to what, and what should happen.</summary>
/// <param name="Line">Where the flow begins in the flows file (1-based), for messages.</param>
/// <param name="Source">The packet's source address for an offline evaluation (`source:`), when the origin does not say it.</param>
public sealed record Flow(string Name, FlowOrigin From, Target To, Expectation Expect, int Line, IPAddress? Source = null);
