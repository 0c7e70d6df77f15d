namespace Reach.Firewall;

/// <summary>What an <c>-m recent</c> match does with its list (iptables-extensions(8)).</summary>
public enum RecentCommand
{
    /// <summary>--set: adds the address (or a new timestamp) and always matches.</summary>
    Set,

    /// <summary>--rcheck: matches when the address is on the list (within --seconds, with --hitcount hits).</summary>
    Check,

    /// <summary>--update: as --rcheck, and on a match adds a timestamp.</summary>
    Update,

    /// <summary>--remove: matches when the address is on the list, and takes it off.</summary>
    Remove,
}
