// The status page's stylesheet, inlined into every page: one request per page
// and nothing else to cache or to fail during an outage. Status colours keep
// 4.5:1 against their background in both schemes, and every status is also
// written out in words, never shown by colour alone.
export const STYLES = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--surface:#f6f8fa;
--ok:#1a7f37;--degraded:#9a6700;--partial:#bc4c00;--major:#cf222e;--maint:#0969da;--nodata:#8c959f;--on-status:#ffffff;
--tip-bg:#1b1f24;--tip-fg:#ffffff}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--line:#30363d;--surface:#161b22;
--ok:#3fb950;--degraded:#d29922;--partial:#f0883e;--major:#f85149;--maint:#58a6ff;--nodata:#484f58;--on-status:#0d1117;
--tip-bg:#e6edf3;--tip-fg:#0d1117}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--link);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:.5rem;top:-3rem;background:var(--bg);color:var(--link);padding:.5rem 1rem;z-index:10;border:2px solid var(--focus)}
.skip:focus{top:.5rem}
main:focus{outline:none}
.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.wrap{max-width:58rem;margin:0 auto;padding:0 1rem}
.site-header{border-bottom:4px solid var(--rule);background:var(--surface)}
.site-header .wrap{display:flex;align-items:center;justify-content:space-between;gap:.5rem 1rem;min-height:4.5rem;flex-wrap:wrap;padding-top:.5rem;padding-bottom:.5rem}
.brand{display:inline-flex;align-items:center;gap:.75rem;color:var(--fg);text-decoration:none;font-weight:700;font-size:1.35rem}
.brand img{max-height:2.5rem;max-width:14rem;width:auto;display:block}
.site-nav a{margin-left:1rem}
main{padding:1.5rem 0 2rem}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:0 0 .25rem}
.banner{margin:0 0 1.5rem;padding:1rem 1.25rem;border-radius:6px;font-size:1.25rem;font-weight:700;color:var(--on-status);background:var(--ok)}
.banner.ind-minor{background:var(--degraded)}.banner.ind-major{background:var(--partial)}
.banner.ind-critical{background:var(--major)}.banner.ind-maintenance{background:var(--maint)}
.card{border:1px solid var(--line);border-left-width:6px;border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem;background:var(--bg)}
.card.impact-none{border-left-color:var(--muted)}.card.impact-minor{border-left-color:var(--degraded)}
.card.impact-major{border-left-color:var(--partial)}.card.impact-critical{border-left-color:var(--major)}
.card.maintenance{border-left-color:var(--maint)}
.card h3 a{color:var(--fg)}
.meta,.muted{color:var(--muted);font-size:.9rem}
.latest p{margin:.25rem 0}
.impact-label{display:block;margin:.1rem 0 .5rem;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
ul.plain,ol.plain{list-style:none;margin:0;padding:0}
.components{border:1px solid var(--line);border-radius:6px}
.components>li,.group{border-top:1px solid var(--line)}
.components>li:first-child{border-top:0}
.component{padding:.85rem 1rem}
.group>.components{border:0;border-radius:0;border-top:1px solid var(--line);margin-left:1rem}
.group summary{padding:.85rem 1rem;cursor:pointer;display:flex;align-items:center;justify-content:space-between;gap:1rem;list-style:none}
.group summary::-webkit-details-marker{display:none}
.group summary .name::before{content:"+";display:inline-block;width:1.25rem;font-weight:700;color:var(--muted)}
.group[open] summary .name::before{content:"\\2212"}
.row{display:flex;align-items:baseline;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.name{font-weight:600}
.desc{margin:.15rem 0 0;color:var(--muted);font-size:.9rem}
.group-desc{margin:0;padding:0 1rem .75rem 2.25rem}
.status{font-size:.9rem;font-weight:600;white-space:nowrap}
.status::before{content:"";display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-right:.4em;background:currentColor;vertical-align:-.05em}
.st-operational{color:var(--ok)}.st-degraded_performance{color:var(--degraded)}.st-partial_outage{color:var(--partial)}
.st-major_outage{color:var(--major)}.st-under_maintenance{color:var(--maint)}
.uptime{margin-top:.6rem}
.bar{position:relative;display:flex;gap:2px;height:2.1rem;margin:0;padding:0;border-radius:2px}
.bar>i{position:relative;flex:1 1 0;min-width:2px;border-radius:2px;background:var(--ok)}
.bar>.u-none{background:var(--nodata)}.bar>.u-degraded{background:var(--degraded)}
.bar>.u-partial{background:var(--partial)}.bar>.u-major{background:var(--major)}
.bar>i:hover{filter:brightness(1.15)}
.bar>i:hover::after,.bar:focus::after{position:absolute;background:var(--tip-bg);color:var(--tip-fg);padding:.3rem .5rem;border-radius:4px;font-size:.8rem;line-height:1.3;z-index:5;pointer-events:none}
.bar>i:hover::after{content:var(--d) ": 100% uptime, no outage";bottom:calc(100% + 6px);left:50%;transform:translateX(-50%);white-space:nowrap}
.bar>i.u-none:hover::after{content:var(--d) ": no data"}
.bar>i[data-t]:hover::after{content:attr(data-t)}
.bar>i:nth-child(-n+20):hover::after{left:0;transform:none}
.bar>i:nth-last-child(-n+20):hover::after{left:auto;right:0;transform:none}
.bar:focus::after{content:attr(aria-label);top:calc(100% + 6px);left:0;right:0;white-space:normal}
.legend{display:flex;justify-content:space-between;gap:.5rem;color:var(--muted);font-size:.8rem;margin-top:.25rem}
.legend .short{display:none}
@media (max-width:40rem){.bar>i:nth-child(-n+60){display:none}.legend .long{display:none}.legend .short{display:inline}
.bar>i:nth-child(n+61):nth-child(-n+75):hover::after{left:0;transform:none}
.site-nav a{margin:0 1rem 0 0}h1{font-size:1.5rem}}
.updates{list-style:none;margin:0;padding:0}
.update{display:grid;grid-template-columns:9rem 1fr;gap:.25rem 1.25rem;padding:1rem 0;border-top:1px solid var(--line)}
.update:first-child{border-top:0}
.update h3{font-size:1rem}
.update .body>:first-child{margin-top:0}.update .body>:last-child{margin-bottom:.25rem}
.update .posted{grid-column:2;margin:0}
@media (max-width:40rem){.update{grid-template-columns:1fr}.update .posted{grid-column:1}}
.body pre{overflow-x:auto;background:var(--surface);padding:.75rem;border-radius:4px}
.body code{font-size:.9em}
.body table{border-collapse:collapse}.body th,.body td{border:1px solid var(--line);padding:.25rem .5rem}
.summary{font-size:1.1rem}
.postmortem{border:1px solid var(--line);border-radius:6px;padding:0 1.25rem 1rem;margin:1rem 0 2rem;background:var(--surface)}
.postmortem h3{margin-top:1.25rem}
.month{margin-bottom:1.5rem}
.month h2{border-bottom:1px solid var(--line);padding-bottom:.35rem}
.history-item{padding:.6rem 0}
.pagination{display:flex;justify-content:space-between;align-items:center;gap:1rem;margin-top:2rem}
.site-footer{border-top:1px solid var(--line);padding:1.25rem 0 2rem;color:var(--muted);font-size:.9rem}
.site-footer .wrap{display:flex;justify-content:space-between;flex-wrap:wrap;gap:.5rem 1.5rem}
.site-footer a{margin-right:1rem}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
@media print{.bar>i:hover::after,.bar:focus::after{display:none}}
`
  .replace(/\n/g, '')
  .trim();
