namespace AdsRecommender.Core.Grouping;

/// <summary>
/// Every face of every video as a node (only primaries without multi-face): its video, its index there, its vectors,
/// whether it is below the low-quality bound.
/// </summary>
internal sealed record FaceNodes(List<int> Owner, List<int> FaceIndex, int[] PrimaryFace, List<float[]> Rows, List<float[]?> Degraded, List<bool> Low)
{
    public static FaceNodes Of(List<VideoFaceSet> videos, bool multiFace, int dim, double lowQualitySharpness)
    {
        var nodes = new FaceNodes([], [], new int[videos.Count], [], [], []);
        for (var vi = 0; vi < videos.Count; vi++)
        {
            var v = videos[vi];
            nodes.PrimaryFace[vi] = nodes.Rows.Count;
            var faces = GroupingEngine.NodeFaces(v, multiFace);
            for (var fi = 0; fi < faces.Count; fi++)
            {
                nodes.Owner.Add(vi);
                nodes.FaceIndex.Add(fi);
                nodes.Rows.Add(faces[fi]);
                nodes.Degraded.Add(v.DegradedFaces is { } d && fi < d.Count && d[fi].Length == dim ? d[fi] : null);
                nodes.Low.Add(LowQualityPairGate.IsLow(v, fi, lowQualitySharpness));
            }
        }
        return nodes;
    }
}
