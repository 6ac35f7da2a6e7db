namespace AdsRecommender.Core.Reports;

/// <summary>The report's inline style sheet (the document loads no external assets).</summary>
internal static class ReportStyle
{
    public const string Css = """
        :root{--fg:#1d2330;--muted:#667085;--line:#e4e7ec;--bg:#f7f8fa;--up:#2e7d5b;--down:#c2553d;--low:#98a2b3;--acc:#2f6fdf}
        *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        header{padding:20px 32px 8px}h1{margin:0 0 4px;font-size:24px}h2{font-size:18px;margin:0 0 10px}h3{margin:0;font-size:16px}
        main{padding:0 32px 24px;max-width:1180px}section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin:14px 0}
        .muted{color:var(--muted)}code{font-size:12px}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:10px;background:none;border:none;padding:0}
        .card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:10px 12px}
        .card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}.card .value{font-size:22px;font-weight:600}
        .card .note{color:var(--muted);font-size:11px;overflow-wrap:anywhere}
        .chart{max-width:100%;height:auto;display:block}.chart text{font-size:11px;fill:var(--muted)}.chart .label{fill:var(--fg);font-size:12px}
        .grid{stroke:var(--line)}.axis{stroke:#98a2b3}.bar.up{fill:var(--up)}.bar.down{fill:var(--down)}.bar.low{fill:var(--low)}
        .whisker{stroke:var(--fg);stroke-width:1.5}.mean{stroke:var(--fg);stroke-dasharray:4 3;stroke-width:1.2}
        .hbar{fill:#b8c2d3}.hbar.hi{fill:var(--acc)}.threshold{stroke:#d92d20;stroke-width:2}.chart .thr{fill:#d92d20}
        .group{border-top:1px solid var(--line);padding:12px 0}.group:first-of-type{border-top:none}
        .ghead{display:flex;gap:8px;align-items:center;margin-bottom:6px}
        .pill{display:inline-block;border-radius:999px;background:#eef2f6;padding:1px 9px;font-size:12px}.pill.warn{background:#fef0c7;color:#93370d}.pill.bad{background:#fee4e2;color:#912018}
        .stats{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center;margin-bottom:8px}
        .cibar .ci{fill:#c7d7f5}.cibar .dot{fill:var(--acc)}
        .thumbs{display:flex;flex-wrap:wrap;gap:10px}.thumb{margin:0;width:104px;text-align:center;font-size:12px;overflow-wrap:anywhere}
        .thumb img,.noimg{width:96px;height:96px;object-fit:cover;border-radius:8px;border:1px solid var(--line);display:block;margin:0 auto 3px;background:#eef2f6}
        .noimg{line-height:96px;color:var(--muted);font-size:11px}.thumbs.small .thumb{width:84px}.thumbs.small img,.thumbs.small .noimg{width:72px;height:72px;line-height:72px}
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
        th{color:var(--muted);font-weight:600}.n{text-align:right;font-variant-numeric:tabular-nums}
        footer{padding:0 32px 24px;font-size:12px}
        """;
}
