using System.Net;
using Reach.Core.Model;
using Reach.Core.Text;

namespace Reach.Tests.Serve;

/// <summary>Reports for the server tests: the shape the engine returns, with the codes a real run gives.</summary>
internal static class Reports
{
    public static Report Ok(string input, IPAddress address) => new(
        new TargetInfo(input, address.ToString(), 80, [address]),
        new Verdict(Codes.Ok, null, Message.Verbatim("web1 port 80 answers"), Message.Verbatim(string.Empty)),
        [
            new Finding(Codes.LinkUp, CheckStatus.Pass, Message.Verbatim("eth0 has a carrier"), [], Ms: 0.3),
            new Finding(Codes.RouteOk, CheckStatus.Pass, Message.Verbatim("10.1.2.5 answers ping"), [], Ms: 1.2),
            new Finding(Codes.PortOpen, CheckStatus.Pass, Message.Verbatim("port 80 answers"), [], Ms: 2.5),
        ],
        []);

    public static Report Rejected(string input, IPAddress address) => new(
        new TargetInfo(input, address.ToString(), 80, [address]),
        new Verdict(Codes.PortRejected, Layer.Port, Message.Verbatim("10.1.2.5 rejects the SYN"), Message.Verbatim("remove the REJECT rule")),
        [
            new Finding(Codes.LinkUp, CheckStatus.Pass, Message.Verbatim("eth0 has a carrier"), [], Ms: 0.3),
            new Finding(Codes.DnsNotNeeded, CheckStatus.Skip, Message.Verbatim("an address"), []),
            new Finding(Codes.PortRejected, CheckStatus.Fail, Message.Verbatim("10.1.2.5 rejects the SYN"), [], Ms: 3),
        ],
        [Codes.PortRejected]);
}
