using OpenCvSharp;

namespace AdsRecommender.Core.Faces;

/// <summary>
/// One face in one sampled frame, as the tracker sees it: <see cref="Box"/> in fractions of the frame (0..1),
/// <see cref="RelativeSize"/> = face height / frame height, and <see cref="Index"/> = its position in the list given to the tracker.
/// </summary>
public sealed record FaceObservation(int Ordinal, Rect2f Box, float Score, double RelativeSize, int Index);
