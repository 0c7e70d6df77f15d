using System.Globalization;
using System.Net;
using Reach.Core.Observations;
using Reach.Probes;

// Usage (each prints key=value lines, exit 0; exit 2 on bad usage):
//   echo TARGET [size=N] [df] [ttl=N] [timeout=MS]
//   ping TARGET [timeout=MS]
//   neigh INTERFACE TARGET [source=ADDR] [timeout=MS]
//   pmtu TARGET EGRESS_MTU [timeout=MS]
//   tcp TARGET PORT [timeout=MS]
//   dropwatch CLIENT PORT [timeout=MS]   (the kernel drop watch: one line per event, with its raw bytes in hex)
//   record-check TARGET DIR [timeout=MS]   `reach check TARGET` with live probes, recording every system read into
//                                          DIR as `reach snapshot` lays it out (a fixture for the engine's replay tests)
//   record-local PORT DIR from=ADDR [window=MS]   `reach local PORT --from ADDR` likewise; with window=, `--watch` for
//                                          that long (the live packet socket: the client's SYNs must come meanwhile)
var options = args.Skip(1).Where(a => a.Contains('=', StringComparison.Ordinal) || a == "df")
    .ToDictionary(a => a.Split('=')[0], a => a.Contains('=', StringComparison.Ordinal) ? a.Split('=', 2)[1] : "1");
var positional = args.Skip(1).Where(a => !a.Contains('=', StringComparison.Ordinal) && a != "df").ToArray();
var timeout = TimeSpan.FromMilliseconds(options.TryGetValue("timeout", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : 1000);
int? Int(string key) => options.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : null;

void Print(params (string Key, object? Value)[] fields)
{
    foreach (var (key, value) in fields)
    {
        Console.WriteLine(FormattableString.Invariant($"{key}={value}"));
    }
}

switch (args.FirstOrDefault())
{
    case "echo":
    {
        var e = await IcmpEcho.EchoAsync(IPAddress.Parse(positional[0]), new EchoOptions(Int("size"), options.ContainsKey("df"), Int("ttl")), timeout, CancellationToken.None);
        Print(("result", e.Result), ("size", e.Size), ("from", e.From), ("received_ttl", e.ReceivedTtl), ("mtu", e.Mtu), ("reply_size", e.ReplySize), ("detail", e.Detail), ("describe", e.Describe()));
        break;
    }

    case "ping":
    {
        var p = await IcmpEcho.PingAsync(IPAddress.Parse(positional[0]), timeout, CancellationToken.None);
        Print(("result", p.Result), ("ttl", p.Ttl), ("describe", p.Describe()));
        break;
    }

    case "neigh":
    {
        var source = options.TryGetValue("source", out var s) ? IPAddress.Parse(s) : null;
        var n = await NeighbourSolicit.SolicitAsync(positional[0], IPAddress.Parse(positional[1]), source, timeout, CancellationToken.None);
        Print(("result", n.Result), ("mac", n.LinkAddress), ("requests", n.Requests), ("ms", n.Ms.ToString("0.0", CultureInfo.InvariantCulture)), ("detail", n.Detail), ("describe", n.Describe()));
        break;
    }

    case "pmtu":
    {
        var m = await PathMtuProbe.ProbeAsync(IPAddress.Parse(positional[0]), int.Parse(positional[1], CultureInfo.InvariantCulture), timeout, CancellationToken.None);
        Print(("result", m.Result), ("path_mtu", m.PathMtu), ("announced_by", m.AnnouncedBy), ("last_big_hop", m.LastBigHop), ("last_big_hop_ttl", m.LastBigHopTtl),
            ("probes", m.ProbesSent), ("ms", m.Ms.ToString("0", CultureInfo.InvariantCulture)), ("detail", m.Detail), ("describe", m.Describe()));
        break;
    }

    case "tcp":
    {
        var c = await TcpProbe.ConnectAsync(new IPEndPoint(IPAddress.Parse(positional[0]), int.Parse(positional[1], CultureInfo.InvariantCulture)), timeout, null, true, CancellationToken.None);
        Print(("result", c.Result), ("answer_ttl", c.AnswerTtl), ("detail", c.Detail), ("describe", c.Describe()));
        break;
    }

    case "dropwatch":
    {
        using var watcher = DropWatcher.TryOpen(IPAddress.Parse(positional[0]), int.Parse(positional[1], CultureInfo.InvariantCulture), out var error);
        if (watcher is null)
        {
            Print(("error", error));
            break;
        }

        Console.Error.WriteLine("dropwatch: attached");
        var kernel = await watcher.CollectAsync(timeout, CancellationToken.None);
        for (var i = 0; i < kernel.Events.Count; i++)
        {
            var e = kernel.Events[i];
            Print(("event", i), ("hex", Convert.ToHexString(watcher.RawEvents[i])), ("kind", e.Kind), ("incoming", e.Incoming), ("source", e.Source), ("destination", e.Destination),
                ("flags", e.TcpFlags), ("packet", e.PacketKind), ("interface", e.Interface), ("location", $"0x{e.Location:x}"), ("reason", e.Reason), ("reason_name", e.ReasonName));
        }

        Print(("lost", kernel.Lost));
        break;
    }

    case "record-check":
    {
        var target = Reach.Core.Targets.TargetParser.Parse(positional[0]).Target ?? throw new ArgumentException($"not a target: {positional[0]}");
        var source = new Reach.ProbeHost.RepeatRecording(new Reach.Readers.Sources.LiveSystem(), Path.GetFullPath(positional[1]));
        var report = await Reach.Engine.ClientCheck.RunAsync(target, new Reach.Engine.ProbeOptions(timeout, Reach.Engine.ProbeOptions.DefaultMaxHops), source, CancellationToken.None);
        Print(("verdict", report.Verdict.Code), ("checks", string.Join(' ', report.Checks.Select(c => $"{c.Code}:{c.Status}"))));
        break;
    }

    case "record-local":
    {
        var port = int.Parse(positional[0], CultureInfo.InvariantCulture);
        var source = new Reach.ProbeHost.RepeatRecording(new Reach.Readers.Sources.LiveSystem(), Path.GetFullPath(positional[1]));
        var client = IPAddress.Parse(options["from"]);
        var report = Int("window") is { } window
            ? (await Reach.Engine.LocalWatch.RunAsync(port, "tcp", client, TimeSpan.FromMilliseconds(window), null, line => Console.Error.WriteLine(line), source, CancellationToken.None)).Report
            : (await Reach.Engine.LocalCheck.RunAsync(port, "tcp", client, source, CancellationToken.None)).Report;
        Print(("verdict", report.Verdict.Code), ("checks", string.Join(' ', report.Checks.Select(c => $"{c.Code}:{c.Status}"))));
        break;
    }

    default:
        Console.Error.WriteLine("usage: echo|ping|neigh|pmtu|tcp|dropwatch|record-check|record-local ... (see Program.cs)");
        return 2;
}

return 0;
