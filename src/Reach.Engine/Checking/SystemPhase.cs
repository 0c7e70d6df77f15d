using System.Net.Sockets;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Targets;
using Reach.Readers;

namespace Reach.Engine.Checking;

/// <summary>
/// Phase 1 of `reach check`: the system as it is (interfaces, routes, resolver, the files that govern
/// interfaces). A literal target that is a directed broadcast of a subnet here is refused now, before
/// any packet goes out: its "answers" would come from every host of that subnet.
/// </summary>
internal sealed class SystemPhase(SystemReader reader, ProbeOptions options, TimeProvider time)
{
    public async Task<SystemView> ReadAsync(Target target, CancellationToken cancellationToken)
    {
        var clock = new Clock(time);
        var interfacesRead = reader.InterfacesAsync(cancellationToken);
        var routesRead = reader.RoutesAsync(cancellationToken);
        var interfaces = await interfacesRead.ConfigureAwait(false);
        var routes = await routesRead.ConfigureAwait(false);
        if (target.Address is { } literal && NonUnicastAddress.DirectedBroadcastRefusal(literal, interfaces) is { } refusal)
        {
            throw new TargetRefusedException(refusal);
        }

        options.Observed?.Invoke(Layer.Interface);
        var configFiles = reader.ConfigFiles();
        var readMs = clock.Elapsed.TotalMilliseconds;
        return new SystemView(interfaces, routes, configFiles, readMs, reader.Resolver());
    }

    /// <summary>The address family the check starts from: the literal's, else IPv4 until DNS says otherwise.</summary>
    public static AddressFamily FamilyOf(Target target) => target.Address?.AddressFamily ?? AddressFamily.InterNetwork;
}
