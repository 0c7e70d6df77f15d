using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Observations;

namespace Reach.Probes;

/// <summary>
/// The lookup applications do: getaddrinfo(3) through .NET, with nsswitch.conf, /etc/hosts and the
/// search list applied. glibc waits 5 s per nameserver try (resolv.conf(5)), so it is cut at the timeout.
/// </summary>
public static class SystemResolver
{
    public static async Task<SystemLookup> LookupAsync(string name, AddressFamily family, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // Not every getaddrinfo path honours cancellation (glibc may sit out its own 5 s per try),
            // so stop waiting at the deadline whatever the lookup does.
            var addresses = await Dns.GetHostAddressesAsync(name, family, deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
            return new SystemLookup(name, addresses, null, clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SystemLookup(name, [], $"no answer within {timeout.TotalMilliseconds:0} ms", clock.Elapsed.TotalMilliseconds);
        }
        catch (SocketException e)
        {
            var why = e.SocketErrorCode switch
            {
                SocketError.HostNotFound => "name not found",
                SocketError.TryAgain => "temporary failure: no nameserver answered",
                SocketError.NoData => "the name has no address of this family",
                _ => e.Message,
            };
            return new SystemLookup(name, [], why, clock.Elapsed.TotalMilliseconds);
        }
    }
}
