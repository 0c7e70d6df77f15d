namespace Reach.Firewall;

/// <summary>
/// Which way the packet goes through this host, which fixes the hooks it meets
/// (netfilter's packet flow): Input = PREROUTING then INPUT; Forward = PREROUTING, FORWARD, POSTROUTING;
/// Output = OUTPUT then POSTROUTING.
/// </summary>
public enum TrafficDirection
{
    Input,
    Forward,
    Output,
}
