namespace AdsRecommender.Core.Grouping;

/// <summary>Disjoint sets with path halving and union by size.</summary>
internal sealed class UnionFind
{
    private readonly int[] parent;
    private readonly int[] size;

    public UnionFind(int n)
    {
        parent = new int[n];
        size = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
            size[i] = 1;
        }
    }

    public int Find(int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    public void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a == b) return;
        if (size[a] < size[b]) (a, b) = (b, a);
        parent[b] = a;
        size[a] += size[b];
    }

    /// <summary>Members of each set (sets in order of their smallest member; members ascending).</summary>
    public List<List<int>> Sets()
    {
        var byRoot = new Dictionary<int, List<int>>();
        var order = new List<List<int>>();
        for (var i = 0; i < parent.Length; i++)
        {
            var r = Find(i);
            if (!byRoot.TryGetValue(r, out var list))
            {
                list = [];
                byRoot[r] = list;
                order.Add(list);
            }
            list.Add(i);
        }
        return order;
    }
}
