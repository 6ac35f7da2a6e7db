using Google.Protobuf;
using Onnx;

namespace AdsRecommender.Core.Models;

/// <summary>
/// Rewrites every <c>PRelu(x, slope)</c> of an ONNX graph whose slope is a constant into the identical
/// <c>slope * x + (1 - slope) * Relu(x)</c>. ONNX Runtime runs PRelu as a separate, unvectorised pass and has to convert
/// the convolution layout around it; Mul, Relu and Add it fuses into the blocked convolutions. Same output (tested);
/// the speed-up is measured in docs/PERFORMANCE.md.
/// </summary>
public static class PReluRewriter
{
    /// <summary>
    /// The rewritten model and how many PRelu nodes were replaced (0: <paramref name="model"/> is returned as is, also for
    /// graphs older than opset 7, whose Mul and Add do not broadcast by default).
    /// </summary>
    public static (byte[] Model, int Replaced) Rewrite(byte[] model)
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelFileException($"not an ONNX model ({e.Message})", inner: e);
        }
        var graph = proto.Graph;
        // before opset 7, Mul and Add broadcast only with an explicit attribute: leave such old graphs as they are
        var opset = proto.OpsetImport.Where(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        if (graph is null || opset < 7) return (model, 0);
        var constants = graph.Initializer.ToDictionary(i => i.Name);
        var nodes = graph.Node.ToList();
        var names = new HashSet<string>(nodes.SelectMany(n => n.Output).Concat(constants.Keys));
        var replaced = 0;
        graph.Node.Clear();
        foreach (var node in nodes)
        {
            if (node.OpType != "PRelu" || !string.IsNullOrEmpty(node.Domain) || node.Input.Count != 2
                || !constants.TryGetValue(node.Input[1], out var slope) || Floats(slope) is not { } slopes)
            {
                graph.Node.Add(node);
                continue;
            }
            string Fresh(string suffix)
            {
                var name = $"{node.Output[0]}__prelu_{suffix}";
                while (!names.Add(name)) name += "_";
                return name;
            }
            var oneMinus = new TensorProto { Name = Fresh("one_minus_slope"), DataType = (int)TensorProto.Types.DataType.Float };
            oneMinus.Dims.AddRange(slope.Dims);
            oneMinus.FloatData.AddRange(slopes.Select(s => 1f - s));
            graph.Initializer.Add(oneMinus);
            string x = node.Input[0], scaled = Fresh("scaled"), relu = Fresh("relu"), reluScaled = Fresh("relu_scaled");
            graph.Node.Add(Node("Mul", [x, slope.Name], scaled, Fresh("mul")));
            graph.Node.Add(Node("Relu", [x], relu, Fresh("relu_node")));
            graph.Node.Add(Node("Mul", [relu, oneMinus.Name], reluScaled, Fresh("mul_relu")));
            graph.Node.Add(Node("Add", [scaled, reluScaled], node.Output[0], Fresh("add")));
            replaced++;
        }
        return replaced == 0 ? (model, 0) : (proto.ToByteArray(), replaced);
    }

    private static NodeProto Node(string op, string[] inputs, string output, string name)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>The values of a float32 constant (raw little-endian bytes or float_data), or null for any other kind.</summary>
    private static float[]? Floats(TensorProto t)
    {
        if (t.DataType != (int)TensorProto.Types.DataType.Float || t.DataLocation == TensorProto.Types.DataLocation.External) return null;
        if (t.FloatData.Count > 0) return [.. t.FloatData];
        var raw = t.RawData.Span;
        if (raw.Length % 4 != 0 || !BitConverter.IsLittleEndian) return null;
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw).ToArray();
    }
}
