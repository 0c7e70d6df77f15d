using System.Net;

namespace Reach.Engine;

/// <summary>
/// Opens the kernel's drop watch for one client's flow to one port (the server end of `reach check
/// --server`): the live one loads an eBPF program on skb:kfree_skb (root, BTF, libbpf) and falls back to
/// tracefs's host-wide counts; tests hand in recorded events.
/// </summary>
internal interface IKernelWatch
{
    /// <summary>The watch; one that could not load still answers, saying why (<see cref="IKernelCapture.Error"/>).</summary>
    IKernelCapture Open(IPAddress client, int port);
}
