using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using Reach.Core.Observations;

namespace Reach.Probes;

/// <summary>
/// Direct questions to one nameserver (DnsClient), bypassing the system resolver, so that each
/// server's own answer — NXDOMAIN, SERVFAIL, REFUSED, silence — is seen as it is.
/// </summary>
public static class DnsProbe
{
    public static async Task<DnsAnswer> QueryAsync(IPAddress server, string name, QueryType type, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var fqdn = name.EndsWith('.') ? name : name + ".";
        var client = Client(server, timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await client.QueryAsync(fqdn, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            var ms = clock.Elapsed.TotalMilliseconds;
            switch (response.Header.ResponseCode)
            {
                case DnsHeaderResponseCode.NotExistentDomain:
                    return new DnsAnswer(server, fqdn, DnsResult.NxDomain, [], ms);
                case DnsHeaderResponseCode.ServerFailure:
                    return new DnsAnswer(server, fqdn, DnsResult.ServFail, [], ms);
                case DnsHeaderResponseCode.Refused:
                    return new DnsAnswer(server, fqdn, DnsResult.Refused, [], ms);
                case DnsHeaderResponseCode.NoError:
                    var records = Records(response, type);
                    return new DnsAnswer(server, fqdn, records.Count > 0 ? DnsResult.Answer : DnsResult.NoData, records, ms);
                default:
                    return new DnsAnswer(server, fqdn, DnsResult.Error, [], ms, response.Header.ResponseCode.ToString());
            }
        }
        catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout)
        {
            return new DnsAnswer(server, fqdn, DnsResult.Timeout, [], clock.Elapsed.TotalMilliseconds,
                cancellationToken.IsCancellationRequested ? "not waited for" : null);
        }
        catch (DnsResponseException e)
        {
            return new DnsAnswer(server, fqdn, DnsResult.Error, [], clock.Elapsed.TotalMilliseconds, e.Message);
        }
        catch (OperationCanceledException)
        {
            // DnsClient's own timeout, or a caller that knows the answer will not come (nothing on udp/53).
            return new DnsAnswer(server, fqdn, DnsResult.Timeout, [], clock.Elapsed.TotalMilliseconds,
                cancellationToken.IsCancellationRequested ? "not waited for" : null);
        }
        catch (ArgumentException e)
        {
            // DnsClient refuses names it cannot encode (over 255 octets with the search domain).
            return new DnsAnswer(server, fqdn, DnsResult.Error, [], clock.Elapsed.TotalMilliseconds, e.Message);
        }
        catch (SocketException e)
        {
            // ECONNREFUSED on a connected UDP socket is the ICMP port-unreachable: nobody on port 53.
            return new DnsAnswer(server, fqdn, e.SocketErrorCode == SocketError.ConnectionRefused ? DnsResult.Timeout : DnsResult.Error,
                [], clock.Elapsed.TotalMilliseconds, e.Message);
        }
    }

    /// <summary>The PTR name of an address (e.g. dev1.example.net. for 10.1.1.7), or null.</summary>
    public static async Task<DnsAnswer> ReverseAsync(IPAddress server, IPAddress address, TimeSpan timeout, CancellationToken cancellationToken) =>
        await QueryAsync(server, address.GetArpaName(), QueryType.PTR, timeout, cancellationToken).ConfigureAwait(false);

    private static LookupClient Client(IPAddress server, TimeSpan timeout) =>
        new(new LookupClientOptions(new NameServer(server, 53))
        {
            Timeout = timeout,
            Retries = 0,
            UseCache = false,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            UseTcpOnly = false,
            UseTcpFallback = true,
            Recursion = true,
        });

    private static List<string> Records(IDnsQueryResponse response, QueryType type) => type switch
    {
        QueryType.A => response.Answers.ARecords().Select(a => a.Address.ToString()).ToList(),
        QueryType.AAAA => response.Answers.AaaaRecords().Select(a => a.Address.ToString()).ToList(),
        QueryType.PTR => response.Answers.PtrRecords().Select(p => p.PtrDomainName.Value).ToList(),
        _ => response.Answers.Select(r => r.ToString()).OfType<string>().ToList(),
    };
}
