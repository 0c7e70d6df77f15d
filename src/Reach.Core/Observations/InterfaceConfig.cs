using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Observations;

/// <summary>
/// What this host's network configuration says one interface should have, for one address family: the
/// values a fix may use without guessing (the address it should hold, the LAN's router). Read from the
/// file the host's own tool applies at boot, so the fix restores what the host is meant to have.
/// </summary>
/// <param name="Interface">The interface the stanza configures (ifupdown's <c>iface eth0 …</c>).</param>
/// <param name="Family">inet or inet6.</param>
/// <param name="Method">How the address comes: static, dhcp, auto, manual, … (interfaces(5)).</param>
/// <param name="Address">The static address with its prefix; null when the method gives none or it was not written.</param>
/// <param name="Gateway">The default route's gateway (<c>gateway</c>); null when not written.</param>
/// <param name="Auto">Brought up at boot (<c>auto</c> or <c>allow-hotplug</c>).</param>
/// <param name="Tool">The tool that applies the file: <c>ifupdown</c>.</param>
/// <param name="Source">The file the stanza is in.</param>
public sealed record InterfaceConfig(
    string Interface,
    AddressFamily Family,
    string Method,
    InterfaceAddress? Address,
    IPAddress? Gateway,
    bool Auto,
    string Tool,
    string Source);
