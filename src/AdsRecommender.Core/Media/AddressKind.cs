namespace AdsRecommender.Core.Media;

/// <summary>What an IP address is, for deciding whether a download may connect to it.</summary>
public enum AddressKind
{
    Public,
    Loopback,
    Private,
    LinkLocal,
    Unspecified,
    Multicast,
    Broadcast,
    SharedCgnat,
    Documentation,
    SiteLocal,
    UniqueLocal,
    Reserved,
}
