using System.Globalization;
using Reach.Core.Model;
using Reach.Core.Observations;
using Reach.Core.Text;

namespace Reach.Core.Assessment;

/// <summary>
/// The port's verdict once the handshake completed: only data that crossed proves the connection works.
/// A stateful filter that sees one direction (an asymmetric return path, `--ctstate INVALID -j DROP`) lets
/// the SYN and the SYN-ACK through and drops our ACK and everything after it: the client's connect()
/// succeeds, curl then waits with 0 bytes, and the server retransmits its SYN-ACK.
/// </summary>
internal static class DataCheck
{
    public static Finding Assess(ClientObservations o, TcpOutcome c, List<Evidence> evidence)
    {
        var endpoint = c.Target.ToString();
        var ms = Words.Ms(c.Ms);
        if (o.Data is not { } d)
        {
            return Findings.Pass(Codes.PortOpen, Message.Of("port.open.summary", ("target", endpoint), ("ms", ms)), evidence, c.Ms);
        }

        evidence.Add(new Evidence($"{d.Protocol} after the handshake", Describe(d)));
        var asked = ("asked", d.Asked);
        switch (d.Result)
        {
            case DataResult.Answered:
                return Findings.Pass(Codes.PortOpen,
                    Message.Of("port.open.answered.summary", ("target", endpoint), ("ms", ms), ("protocol", d.Protocol), ("answer", d.Answer ?? string.Empty)),
                    evidence, c.Ms + d.Ms);
            case DataResult.Acknowledged or DataResult.Reset:
                return Findings.Pass(Codes.PortOpen,
                    Message.Of(d.Result == DataResult.Reset ? "port.open.reset.summary" : "port.open.acked.summary", ("target", endpoint), ("ms", ms), asked),
                    evidence, c.Ms + d.Ms);
            case DataResult.Nothing:
                var target = c.Target.Address.ToString();
                var port = Words.Number(c.Target.Port);
                var repeated = d.SynAckRepeats is > 0
                    ? Message.Of("port.no-data.synack-again", ("target", target), ("count", Words.Number(d.SynAckRepeats.Value)))
                    : null;
                return Findings.Fail(Codes.PortNoData,
                    Message.Of("port.no-data.summary", ("target", target), ("port", port), ("ms", d.Ms.ToString("0", CultureInfo.InvariantCulture)), asked,
                        ("sent", Words.Number((int)d.BytesSent)), ("retransmits", Words.Number(d.Retransmits))).With("repeated", repeated),
                    Message.Of("port.no-data.fix", ("target", target), ("port", port), ("source", o.Route?.PreferredSource?.ToString() ?? "THIS-HOST")),
                    evidence, c.Ms + d.Ms);
            default:
                return Findings.Pass(Codes.PortOpen, Message.Of("port.open.summary", ("target", endpoint), ("ms", ms)), evidence, c.Ms);
        }
    }

    /// <summary>The exchange in one line of evidence (English, as every evidence detail).</summary>
    internal static string Describe(DataExchange d)
    {
        var counters = string.Create(CultureInfo.InvariantCulture,
            $"{d.BytesSent} bytes sent, {d.BytesAcked} acknowledged, {d.BytesReceived} received, {d.Unacked} segments unacknowledged, {d.Retransmits} retransmissions");
        var repeats = d.SynAckRepeats switch
        {
            null => string.Empty,
            0 => "; no SYN-ACK came again",
            var n => string.Create(CultureInfo.InvariantCulture, $"; the SYN-ACK came {n} more time{(n == 1 ? string.Empty : "s")}: the target never got our ACK"),
        };
        var said = d.Result switch
        {
            DataResult.Answered => $"asked {d.Asked}: {d.Answer}",
            DataResult.Acknowledged => $"asked {d.Asked}: no answer in the protocol, but data crosses",
            DataResult.Reset => $"asked {d.Asked}: the target reset the connection",
            DataResult.Nothing => $"asked {d.Asked}: nothing crossed",
            _ => $"not asked: {d.Detail}",
        };
        var detail = d.Detail is not null && d.Result != DataResult.NotAsked ? $" ({d.Detail})" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{said} in {d.Ms:0.0} ms; {counters}{repeats}{detail}");
    }
}
