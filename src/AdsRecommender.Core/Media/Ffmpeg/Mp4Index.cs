using System.Numerics;

namespace AdsRecommender.Core.Media.Ffmpeg;

/// <summary>
/// <see cref="FfmpegProbe"/>'s record read from an MP4/MOV file's index in this process, as <c>ffprobe</c> (FFmpeg's mov
/// demuxer) would report it, without starting a program: the first video track's coded size and rotation, its frame count
/// (the samples of <c>stts</c>), average rate (samples over their summed durations, reduced as FFmpeg reduces it), start time
/// (the first sample's composition time less the edit's media time) and key frames' display times (the sync samples of
/// <c>stss</c>, printed to the microsecond as ffprobe prints them). Anything this cannot reproduce exactly (fragments,
/// several or empty edits, frames outside the edit, negative composition offsets, other codecs, sizes that disagree,
/// tables that do not add up, a bound passed) returns null: the caller asks <c>ffprobe</c> as before.
/// </summary>
internal static class Mp4Index
{
    /// <summary>The most samples read (about 19 hours at 30 fps); a longer track is left to ffprobe.</summary>
    public const long MaxSamples = 1 << 21;

    /// <summary>The record for <paramref name="path"/>, or null when the file is left to ffprobe.</summary>
    public static FfmpegProbe? TryRead(string path, bool keyFrames) => TryRead(path, keyFrames, out _);

    /// <summary>As <see cref="TryRead(string, bool)"/>, with why a file was left to ffprobe.</summary>
    public static FfmpegProbe? TryRead(string path, bool keyFrames, out string? unusual)
    {
        unusual = null;
        try
        {
            var (moov, fileLength) = Mp4Boxes.ReadMoov(path);
            return Probe(Mp4Track.Read(moov), fileLength, keyFrames);
        }
        catch (Exception e) when (e is Mp4Unusual or IOException or UnauthorizedAccessException)
        {
            unusual = e.Message; // ffprobe then reads it, or names what is wrong with it
            return null;
        }
    }

    private static FfmpegProbe Probe(Mp4Track track, long fileLength, bool keyFrames)
    {
        var (frames, duration) = Durations(track.Stts);
        CheckChunks(track, frames, fileLength);
        var edit = track.Edit ?? new Mp4Edit(0, 0, 0);
        long? end = track.Edit is null ? null : edit.MediaTime + Rescale(edit.Duration, track.Timescale, track.MovieTimescale);
        var (start, keys) = DisplayTimes(track, frames, edit.MediaTime, end, keyFrames);
        var delay = Rescale(edit.Empty, track.Timescale, track.MovieTimescale); // an empty edit delays every frame
        (start, keys) = (start + delay, keys.ConvertAll(k => k + delay));
        var (num, den) = Reduce(track.Timescale * frames, duration);
        var timeBase = 1.0 / track.Timescale; // av_q2d of the stream's time base, as ffprobe multiplies
        return new FfmpegProbe(track.Width, track.Height, (double)num / den, frames, Microseconds(start * timeBase), track.Rotation)
        {
            KeyFrames = keys.ConvertAll(pts => Microseconds(pts * timeBase)),
        };
    }

    /// <summary>The sample count and summed duration of <c>stts</c>; the corrections FFmpeg makes to odd tables are unusual.</summary>
    private static (long Frames, long Duration) Durations(Mp4Table stts)
    {
        long frames = 0, duration = 0;
        for (var i = 0; i < stts.Count; i++)
        {
            long count = stts.At(i, 0), delta = stts.At(i, 1);
            if (delta > int.MaxValue) throw new Mp4Unusual("negative sample duration");
            // FFmpeg shortens an outsized last duration to the mean
            if (i + 1 == stts.Count && i > 0 && count == 1 && frames > 100 && delta / 10 > duration / frames) throw new Mp4Unusual("outsized last duration");
            frames += count;
            if (frames > MaxSamples) throw new Mp4Unusual($"more than {MaxSamples} samples");
            duration += count * delta;
        }
        if (frames == 0 || duration == 0) throw new Mp4Unusual("no samples or no duration");
        return (frames, duration);
    }

    /// <summary>The chunk tables must hold exactly the samples, and every chunk's bytes must lie within the file.</summary>
    private static void CheckChunks(Mp4Track track, long frames, long fileLength)
    {
        var (sampleSize, sizes) = track.Stsz;
        if (sizes.Count != frames) throw new Mp4Unusual($"{sizes.Count} sample sizes for {frames} samples");
        var (stsc, chunks) = (track.Stsc, track.ChunkOffsets);
        long sample = 0;
        for (var e = 0; e < stsc.Count; e++)
        {
            long first = stsc.At(e, 0), perChunk = stsc.At(e, 1);
            long next = e + 1 < stsc.Count ? stsc.At(e + 1, 0) : chunks.Count + 1;
            if ((e == 0 && first != 1) || first < 1 || next <= first || next > chunks.Count + 1) throw new Mp4Unusual("sample-to-chunk table out of order");
            for (var chunk = first; chunk < next; chunk++)
            {
                if (perChunk > frames - sample) throw new Mp4Unusual("chunks hold more samples than the track");
                long bytes = 0;
                for (var i = sample; i < sample + perChunk; i++) bytes += sampleSize != 0 ? sampleSize : sizes.At((int)i);
                var offset = chunks.EntryBytes == 8 ? chunks.At64((int)chunk - 1) : chunks.At((int)chunk - 1);
                if (offset > (ulong)fileLength || bytes > fileLength - (long)offset) throw new Mp4Unusual("a chunk beyond the end of the file");
                sample += perChunk;
            }
        }
        if (sample != frames) throw new Mp4Unusual($"chunks hold {sample} of {frames} samples");
    }

    /// <summary>
    /// The first sample's display time and the key samples' (in the track's timescale, less the edit's media time), in
    /// decode order as ffprobe lists packets. Every frame must lie within the edit, so FFmpeg discards none and keeps them all.
    /// </summary>
    private static (long Start, List<long> Keys) DisplayTimes(Mp4Track track, long frames, long shift, long? end, bool keyFrames)
    {
        var (stts, ctts, stss) = (track.Stts, track.Ctts, track.Stss);
        var keys = new List<long>();
        long dts = 0, start = 0, sttsLeft = 0, cttsLeft = 0, delta = 0, offset = 0;
        int s = 0, c = 0, k = 0;
        for (long i = 0; i < frames; i++)
        {
            while (sttsLeft == 0) (sttsLeft, delta) = (stts.At(s, 0), stts.At(s++, 1));
            sttsLeft--;
            if (ctts.Count > 0)
            {
                while (cttsLeft == 0)
                    (cttsLeft, offset) = c < ctts.Count ? (ctts.At(c, 0), unchecked((int)ctts.At(c++, 1))) : throw new Mp4Unusual("fewer composition offsets than samples");
                cttsLeft--;
                if (offset < 0) throw new Mp4Unusual("negative composition offset");
            }
            var cts = dts + offset;
            if (cts < shift || cts >= end) throw new Mp4Unusual("a frame outside the edit");
            var key = stss is not { } sync || (k < sync.Count && sync.At(k) == i + 1);
            if (key && stss is not null) k++;
            // FFmpeg ends the index at the first key frame that reaches the edit's end
            if (key && i + 1 < frames && cts + delta >= end) throw new Mp4Unusual("a key frame at the edit's end");
            if (i == 0) start = cts - shift;
            if (key && keyFrames) keys.Add(cts - shift);
            dts += delta;
        }
        if (stss is { } table && (k != table.Count || table.Count == 0)) throw new Mp4Unusual("sync samples out of order, beyond the samples or none");
        if (cttsLeft != 0 || (ctts.Count > 0 && c != ctts.Count)) throw new Mp4Unusual("more composition offsets than samples");
        return (start, keys);
    }

    /// <summary>av_rescale: <paramref name="a"/> x <paramref name="b"/> / <paramref name="c"/>, rounded to nearest.</summary>
    private static long Rescale(long a, long b, long c)
    {
        var r = ((Int128)a * b + c / 2) / c;
        return r > long.MaxValue / 2 ? long.MaxValue / 2 : (long)r;
    }

    /// <summary>av_reduce to int: the fraction in lowest terms, which must fit (FFmpeg would approximate it).</summary>
    private static (long Num, long Den) Reduce(long num, long den)
    {
        var gcd = (long)BigInteger.GreatestCommonDivisor(num, den);
        (num, den) = (num / gcd, den / gcd);
        if (num > int.MaxValue || den > int.MaxValue) throw new Mp4Unusual("frame rate not a small fraction");
        return (num, den);
    }

    /// <summary>
    /// The number ffprobe prints with <c>%f</c> and the caller parses back: the exact binary value rounded to six decimals
    /// (ties to even, as glibc), then the nearest double to that decimal.
    /// </summary>
    internal static double Microseconds(double seconds)
    {
        if (!double.IsFinite(seconds)) throw new Mp4Unusual("time not finite");
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(seconds));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFF;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        exponent -= 1075; // |seconds| = mantissa x 2^exponent
        var scaled = new BigInteger(mantissa) * 1_000_000;
        BigInteger micro;
        if (exponent >= 0) micro = scaled << exponent;
        else
        {
            var divisor = BigInteger.One << -exponent;
            micro = BigInteger.DivRem(scaled, divisor, out var remainder);
            var twice = remainder * 2;
            if (twice > divisor || (twice == divisor && !micro.IsEven)) micro += 1;
        }
        return Math.Sign(seconds) * ((double)micro / 1_000_000);
    }
}
