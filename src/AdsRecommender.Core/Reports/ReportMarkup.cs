using System.Globalization;
using System.Net;

namespace AdsRecommender.Core.Reports;

/// <summary>The pieces every section of the report writes: encoded text, numbers, a face thumbnail, the "and K more" line.</summary>
internal static class ReportMarkup
{
    public static void Thumb(TextWriter w, ReportModel model, string videoId, double performance, int faceIndex = 0)
    {
        w.Write("<figure class=\"thumb\">");
        if (model.ThumbnailFor(videoId, faceIndex) is { } bytes)
        {
            w.Write("<img alt=\"face in "); w.Write(E(videoId)); w.Write("\" src=\"data:"); w.Write(MimeOf(bytes)); w.Write(";base64,");
            w.Write(Convert.ToBase64String(bytes)); w.Write("\">");
        }
        else
            w.Write("<div class=\"noimg\">no image</div>");
        w.Write("<figcaption>"); w.Write(E(videoId)); w.Write("<br><span class=\"muted\">"); w.Write(Num(performance));
        if (faceIndex > 0) { w.Write(" · face "); w.Write(Int(faceIndex + 1)); }
        w.Write("</span></figcaption></figure>");
    }

    /// <summary>The line under a cut list: how many are not shown and which result file has them all.</summary>
    public static void More(TextWriter w, int rest, string what, string file)
    {
        if (rest <= 0) return;
        w.Write(string.Create(CultureInfo.InvariantCulture, $"<p class=\"muted\">and {rest} more {what} in {E(file)}</p>"));
    }

    public static IReadOnlyList<T> Take<T>(IReadOnlyList<T> list, int count) =>
        count >= list.Count ? list : list.Take(count).ToList();

    public static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    public static string MimeOf(byte[] b) =>
        b.Length > 3 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 ? "image/png" : "image/jpeg";

    public static string Num(double v) => double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";

    public static string E(string s) => WebUtility.HtmlEncode(s);
}
