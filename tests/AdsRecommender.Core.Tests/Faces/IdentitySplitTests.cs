using AdsRecommender.Core.Faces.Calibration;
using AdsRecommender.Testing;

namespace AdsRecommender.Core.Tests.Faces;

public sealed class IdentitySplitTests
{
    [Fact]
    public void Key_is_the_first_8_bytes_of_the_seeded_sha256_big_endian()
    {
        // python3: int.from_bytes(hashlib.sha256(b'adsrec-identity-split-v1/barack_obama').digest()[:8], 'big')
        Assert.Equal(0x70fc823c7ef58507UL, IdentitySplit.Key("barack_obama"));
    }

    [Fact]
    public void The_protocol_identities_fall_into_three_disjoint_parts_of_35()
    {
        var ids = SharedData.ProtocolIdentities().Keys.ToList();
        Assert.Equal(105, ids.Count);
        var parts = IdentitySplit.Assign(ids);
        Assert.All(Enum.GetValues<SplitPart>(), p => Assert.Equal(35, parts.Values.Count(v => v == p)));
        // computed independently with python3 (hashlib) from the rule in docs/CALIBRATION.md
        Assert.Equal(SplitPart.Test, parts["barack_obama"]);
        Assert.Equal(SplitPart.Validation, parts["aaron_peirsol"]);
        Assert.Equal(SplitPart.Calibration, parts["emma_watson"]);
        Assert.Equal(SplitPart.Calibration, parts["joe_biden"]);
        Assert.Equal(["felipe_perez_roque", "angela_bassett", "marcelo_rios"], IdentitySplit.Of(ids, SplitPart.Test).Take(3));
    }
}
