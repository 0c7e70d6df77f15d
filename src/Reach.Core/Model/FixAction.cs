using System.Net;
using Reach.Core.Text;

namespace Reach.Core.Model;

/// <summary>
/// One command of a verdict's fix (reach/1 "verdict.actions[]"): applied in order on the hosts named,
/// they make the next run say ok. Only where every value is known: no placeholders.
/// </summary>
/// <param name="On">The host to run it on: null for this host (where reach ran), else that host's address.</param>
/// <param name="Run">The command, for the distribution that host runs.</param>
/// <param name="Persist">The command that keeps the change across a reboot; null when none is known or needed.</param>
/// <param name="Why">Why it fixes the verdict.</param>
public sealed record FixAction(IPAddress? On, string Run, string? Persist, Message Why);
