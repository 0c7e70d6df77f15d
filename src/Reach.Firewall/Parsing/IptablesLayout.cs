namespace Reach.Firewall;

/// <summary>
/// The fixed tables of iptables: which built-in chain sits on which hook at which priority.
/// Priorities are the kernel's NF_IP_PRI_* (include/uapi/linux/netfilter_ipv4.h): raw -300, mangle -150,
/// nat -100 for destination NAT (PREROUTING, OUTPUT) and 100 for source NAT (INPUT, POSTROUTING),
/// filter 0, security 50. iptables-nft registers security at 150 instead (measured: nft -j shows
/// "prio": 150 for ip security INPUT), so the backend matters when native nft chains sit between.
/// </summary>
internal static class IptablesLayout
{
    public static bool IsIptablesTable(string table) => table is "raw" or "mangle" or "nat" or "filter" or "security";

    public static BaseChainInfo? BaseChain(string table, string chain, FirewallBackend backend, ChainPolicy policy, Counters? counters)
    {
        var hook = chain switch
        {
            "PREROUTING" => ChainHook.Prerouting,
            "INPUT" => ChainHook.Input,
            "FORWARD" => ChainHook.Forward,
            "OUTPUT" => ChainHook.Output,
            "POSTROUTING" => ChainHook.Postrouting,
            _ => (ChainHook?)null,
        };
        if (hook is not { } h || !HasChain(table, h))
        {
            return null;
        }

        var priority = table switch
        {
            "raw" => -300,
            "mangle" => -150,
            "nat" => h is ChainHook.Prerouting or ChainHook.Output ? -100 : 100,
            "security" => backend == FirewallBackend.NfTables ? 150 : 50,
            _ => 0,
        };
        var type = table switch
        {
            "nat" => ChainType.Nat,
            "mangle" when h == ChainHook.Output => ChainType.Route,
            _ => ChainType.Filter,
        };
        return new BaseChainInfo(h, priority, type, policy, counters);
    }

    private static bool HasChain(string table, ChainHook hook) => table switch
    {
        "raw" => hook is ChainHook.Prerouting or ChainHook.Output,
        "mangle" => true,
        "nat" => hook is not ChainHook.Forward,
        "filter" or "security" => hook is ChainHook.Input or ChainHook.Forward or ChainHook.Output,
        _ => false,
    };
}
