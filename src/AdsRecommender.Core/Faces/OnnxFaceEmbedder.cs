using System.Globalization;
using System.Numerics.Tensors;
using AdsRecommender.Core.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OpenCvSharp;
using OpenCvSharp.Dnn;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// An ArcFace-style recogniser over ONNX Runtime (MobileFaceNet by default): faces aligned to the 5-point ArcFace template
/// scaled to <see cref="FaceModelOptions.RecognizerInputSize"/>, BGR crops in, L2-normalised embeddings out, in batches;
/// input name, normalisation, channel order and embedding size from <see cref="FaceModelOptions"/>.
/// Thread-safe (ONNX Runtime sessions may be run concurrently).
/// </summary>
public sealed class OnnxFaceEmbedder : IFaceEmbedder
{
    /// <summary>ArcFace landmark template for a 112x112 crop: image-left eye, image-right eye, nose, left and right mouth corners.</summary>
    public static IReadOnlyList<Point2f> ArcFaceTemplate112 { get; } =
    [
        new(38.2946f, 51.6963f), new(73.5318f, 51.5014f), new(56.0252f, 71.7366f), new(41.5493f, 92.3655f), new(70.7299f, 92.2041f),
    ];

    private readonly InferenceSession _session;
    private readonly FaceModelOptions _options;
    private readonly string _inputName;
    private readonly bool _dynamicBatch;

    public OnnxFaceEmbedder(string modelPath, FaceModelOptions options)
    {
        _options = options;
        var f = options.RecognizerInputSize / 112f;
        Template = ArcFaceTemplate112.Select(p => new Point2f(p.X * f, p.Y * f)).ToArray();
        using var so = OnnxSessionOptions.Create(options.IntraOpThreads);
        try
        {
            var model = File.ReadAllBytes(modelPath);
            ModelSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model));
            if (options.RewritePRelu) (model, PReluReplaced) = PReluRewriter.Rewrite(model);
            _session = new InferenceSession(model, so);
        }
        catch (ModelFileException e)
        {
            throw new ModelFileException($"Recogniser model {Path.GetFileName(modelPath)} could not be read: {e.Message}; {ModelCatalog.InstallHint}.", modelPath, e);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFileException($"Recogniser model {Path.GetFileName(modelPath)} could not be loaded by ONNX Runtime ({e.Message}); {ModelCatalog.InstallHint}.", modelPath, e);
        }
        _inputName = string.IsNullOrEmpty(options.RecognizerInputName) ? _session.InputNames[0] : options.RecognizerInputName;
        if (!_session.InputMetadata.TryGetValue(_inputName, out var meta))
            throw new ModelFileException($"Recogniser {Path.GetFileName(modelPath)} has no input '{_inputName}' (it has {string.Join(", ", _session.InputNames)}); set RecognizerInputName.", modelPath);
        _dynamicBatch = meta.Dimensions.Length > 0 && meta.Dimensions[0] <= 0;
        ModelId = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(options.RecognizerFile)}@{ModelSha256[..16]};d={options.EmbeddingSize};in={options.RecognizerInputSize};mean={options.RecognizerMean};scale={options.RecognizerScale:R};rgb={options.RecognizerRgb};flip={options.FlipAugment}");
    }

    /// <summary>Recogniser file (name and content hash) and every setting that changes its vectors.</summary>
    public string ModelId { get; }

    /// <summary>The ArcFace template scaled to <see cref="InputSize"/>: where <see cref="Align"/> puts the five landmarks.</summary>
    public IReadOnlyList<Point2f> Template { get; }

    /// <summary>SHA-256 (lower-case hex) of the model file as read from disk, before any rewrite.</summary>
    public string ModelSha256 { get; } = "";

    /// <summary>PRelu nodes rewritten for speed when the model was loaded (<see cref="FaceModelOptions.RewritePRelu"/>).</summary>
    public int PReluReplaced { get; }

    /// <summary>Embedding length (from options, checked against the model output on first use).</summary>
    public int Dimension => _options.EmbeddingSize;

    /// <summary>Side of the aligned crop the recogniser takes.</summary>
    public int InputSize => _options.RecognizerInputSize;

    public Mat Align(Mat image, IReadOnlyList<Point2f> landmarks) => FaceAligner.Align(image, landmarks, Template, InputSize);

    /// <summary>Embeds aligned BGR crops of <see cref="InputSize"/> pixels; returns one L2-normalised vector per crop.</summary>
    public float[][] Embed(IReadOnlyList<Mat> alignedFaces)
    {
        var result = new float[alignedFaces.Count][];
        var batch = _dynamicBatch ? Math.Max(1, _options.MaxBatch) : 1;
        for (var start = 0; start < alignedFaces.Count; start += batch)
        {
            var chunk = alignedFaces.Skip(start).Take(batch).ToList();
            var vectors = Run(chunk);
            if (_options.FlipAugment)
            {
                var flipped = chunk.Select(m => { var f = new Mat(); Cv2.Flip(m, f, FlipMode.Y); return f; }).ToList();
                try
                {
                    var mirrored = Run(flipped);
                    for (var i = 0; i < vectors.Length; i++) TensorPrimitives.Add(vectors[i], mirrored[i], vectors[i]);
                }
                finally
                {
                    foreach (var f in flipped) f.Dispose();
                }
            }
            for (var i = 0; i < vectors.Length; i++)
            {
                UnitVector.Normalize(vectors[i]);
                result[start + i] = vectors[i];
            }
        }
        return result;
    }

    private float[][] Run(List<Mat> crops)
    {
        var size = _options.RecognizerInputSize;
        foreach (var c in crops)
            if (c.Width != size || c.Height != size || c.Type() != MatType.CV_8UC3)
                throw new ArgumentException($"Aligned crops must be {size}x{size} BGR 8-bit.", nameof(crops));
        using var blob = CvDnn.BlobFromImages(crops, _options.RecognizerScale, new Size(size, size),
            Scalar.All(_options.RecognizerMean), _options.RecognizerRgb, false);
        var n = crops.Count;
        var data = new float[n * 3 * size * size];
        if (!blob.IsContinuous() || blob.Total() != data.Length) throw new InvalidOperationException("Unexpected blob layout from BlobFromImages.");
        System.Runtime.InteropServices.Marshal.Copy(blob.Data, data, 0, data.Length);
        var tensor = new DenseTensor<float>(data, [n, 3, size, size]);
        using var outputs = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)]);
        var output = outputs[0].AsTensor<float>();
        var dim = (int)(output.Length / n);
        if (dim != _options.EmbeddingSize)
            throw new ModelFileException($"Recogniser {_options.RecognizerFile} outputs {dim} values per face but EmbeddingSize is {_options.EmbeddingSize}; fix the configuration.", _options.RecognizerFile);
        var flat = output.ToArray();
        var vectors = new float[n][];
        for (var i = 0; i < n; i++) vectors[i] = flat.AsSpan(i * dim, dim).ToArray();
        return vectors;
    }

    public void Dispose() => _session.Dispose();
}
