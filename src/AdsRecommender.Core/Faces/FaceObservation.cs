using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// One face in one sampled frame, as the tracker sees it: <see cref="Box"/> in fractions of the frame (0..1),
/// <see cref="RelativeSize"/> = face height / frame height, the L2-normalised embedding, and <see cref="Index"/> into the caller's list.
/// </summary>
public sealed record FaceObservation(int Ordinal, Rect2f Box, float Score, double RelativeSize, float[] Embedding, int Index);
