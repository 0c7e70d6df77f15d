using System.Text;

namespace Reach.Core.Decisions;

/// <summary>
/// The harmless question a port's usual protocol allows, as nmap's version probes ask it
/// (nmap-service-probes: the NULL probe waits for a greeting; GetRequest, SSLSessionReq, redis-server,
/// pgsql...): a server that speaks first is only listened to, an HTTP server gets HEAD (RFC 9110 9.3.2:
/// safe, no body), Redis PING, PostgreSQL the 8-byte SSLRequest (its answer is one byte, S or N, before
/// any authentication), a TLS port a ClientHello. A port nobody knows gets nothing but the FIN of an
/// orderly close: no application reads bytes it did not expect.
/// </summary>
/// <param name="Name">The protocol's name, as the report says it.</param>
/// <param name="Request">The bytes sent (empty for a server that speaks first, TLS and unknown).</param>
/// <param name="Asked">What is sent, in words, for the evidence.</param>
public sealed record ServiceProtocol(string Name, ProtocolKind Kind, ReadOnlyMemory<byte> Request, string Asked)
{
    /// <summary>A line-based answer (a banner, a status line) is read up to its first line end.</summary>
    public bool LineBased => Name is not ("mysql" or "postgresql" or "tls" or "unknown");

    /// <summary>The protocol usually served on <paramref name="port"/> (IANA service names; common alternates).</summary>
    public static ServiceProtocol For(int port) => port switch
    {
        21 => ServerFirst("ftp"),
        22 or 2222 => ServerFirst("ssh"),
        25 or 587 => ServerFirst("smtp"),
        110 => ServerFirst("pop3"),
        143 => ServerFirst("imap"),
        3306 => ServerFirst("mysql"),
        80 or 591 or 3000 or 5000 or 8000 or 8008 or 8080 or 8081 or 8888 or 9090 or 9100 => new("http", ProtocolKind.Request, Ascii(HeadRequest), "HEAD / HTTP/1.0"),
        443 or 465 or 636 or 853 or 993 or 995 or 5986 or 6443 or 8443 or 9443 => new("tls", ProtocolKind.Tls, ReadOnlyMemory<byte>.Empty, "a TLS ClientHello"),
        5432 => new("postgresql", ProtocolKind.Request, new byte[] { 0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f }, "SSLRequest"),
        6379 => new("redis", ProtocolKind.Request, Ascii("PING\r\n"), "PING"),
        _ => new("unknown", ProtocolKind.Unknown, ReadOnlyMemory<byte>.Empty, "nothing but a FIN (the port's protocol is unknown)"),
    };

    /// <summary>
    /// The answer as one line of evidence: a text protocol's first line with control bytes escaped, a
    /// MySQL greeting's server version, PostgreSQL's one-byte reply in words. Null for nothing.
    /// </summary>
    public string? Describe(ReadOnlySpan<byte> answer)
    {
        if (answer.IsEmpty)
        {
            return null;
        }

        switch (Name)
        {
            case "mysql":
                return MySqlGreeting(answer);
            case "postgresql":
                return answer[0] switch
                {
                    (byte)'S' => "S: the server accepts TLS",
                    (byte)'N' => "N: the server answers, without TLS",
                    (byte)'E' => "E: the server answers with an error (a server older than protocol 3.0)",
                    _ => "an unexpected byte 0x" + answer[0].ToString("x2", System.Globalization.CultureInfo.InvariantCulture),
                };
            default:
                var end = answer.IndexOfAny((byte)'\r', (byte)'\n');
                return Printable(end < 0 ? answer : answer[..end]);
        }
    }

    /// <summary>Whether an answer is complete enough to stop reading: a line-based one up to its line end, any other at its first bytes.</summary>
    public bool Complete(ReadOnlySpan<byte> answer) =>
        !answer.IsEmpty && (!LineBased || answer.IndexOf((byte)'\n') >= 0 || answer.Length >= MaxAnswer);

    /// <summary>The most read of an answer: a status line or a banner fits.</summary>
    public const int MaxAnswer = 512;

    private const string HeadRequest = "HEAD / HTTP/1.0\r\n\r\n";

    private static ServiceProtocol ServerFirst(string name) => new(name, ProtocolKind.ServerFirst, ReadOnlyMemory<byte>.Empty, "nothing: the server speaks first");

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    /// <summary>
    /// MySQL's initial handshake packet: a 3-byte length and a sequence number, then protocol version 10
    /// and the server version as a NUL-terminated string. An error packet (0xff, code, message) comes
    /// instead when the server refuses this host ("Host ... is not allowed to connect").
    /// </summary>
    private static string MySqlGreeting(ReadOnlySpan<byte> p)
    {
        if (p.Length > 5 && p[4] == 10)
        {
            var version = p[5..];
            var nul = version.IndexOf((byte)0);
            return "MySQL protocol 10, server " + Printable(nul < 0 ? version : version[..nul]);
        }

        if (p.Length > 7 && p[4] == 0xff)
        {
            return "MySQL error: " + Printable(p[7..]);
        }

        return "an unexpected greeting: " + Printable(p[..Math.Min(p.Length, 32)]);
    }

    /// <summary>ASCII as it is, other bytes as \xNN, at most 200 characters: evidence, not a terminal's input.</summary>
    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            if (text.Length >= 200)
            {
                text.Append('…');
                break;
            }

            if (b is >= 0x20 and < 0x7f)
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return text.ToString();
    }
}
