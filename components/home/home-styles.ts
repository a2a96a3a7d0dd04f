/**
 * The stylesheet of the public home page (the finder) and the 404 page,
 * inlined like the survey's (docs/decisions/002): the same rules the App
 * Router pages take from app/globals.css for the site bar, without the rest
 * of that file (dashboards, administration, posters).
 */
export const HOME_CSS = `
:root{--ink:#1a1a1a;--muted:#4a4f57;--brand:#a3141c;--line:#c8ccd2;--focus:#1050c0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:#fff;line-height:1.5}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-size:1.0625rem}
a{color:#0b4fa8}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.container{max-width:64rem;margin:0 auto;padding:1rem}
.skip-link{position:absolute;left:-999px}
.skip-link:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:10}
.site-header{background:var(--brand);color:#fff}
.site-header a{color:#fff}
.site-header .container{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding-block:.75rem}
.site-title{font-weight:700;font-size:1.25rem;text-decoration:none;display:inline-flex;align-items:center;min-height:44px}
.site-title-h1{margin:0;font-size:2rem;line-height:1.2}
.site-lang{display:inline-flex;align-items:center;min-height:44px;padding-inline:.75rem;border:1px solid currentColor;border-radius:6px;font-weight:600;text-decoration:none}
.site-lang:hover,.site-lang:focus-visible{text-decoration:underline}
@media (min-width:48rem){.site-header .container{flex-wrap:nowrap}.site-lang{order:3;align-self:flex-start;flex:none}.site-header .site-title{flex:none}}
.home-intro{flex:1 1 100%;max-width:44rem}
.home-intro p{margin:.25rem 0 .75rem}
.home-lead{font-size:1.25rem;font-weight:600}
main h2{font-size:1.375rem;margin:1.5rem 0 .75rem}
.button{display:inline-block;min-height:48px;padding:.75rem 1.25rem;border-radius:.5rem;border:2px solid var(--brand);background:var(--brand);color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.button.secondary{background:#fff;color:var(--brand)}
.search-form{display:grid;gap:.375rem;max-width:44rem}
.search-label{font-weight:700;font-size:1.125rem}
.search-hint{margin:0;color:var(--muted)}
.search-row{display:flex;gap:.5rem;flex-wrap:wrap}
.search-row input{flex:1 1 16rem;width:auto;font:inherit;min-height:48px;padding:.5rem .75rem;border:2px solid #6b7079;border-radius:.5rem}
.search-row .button{flex:0 0 auto}
.office-list{list-style:none;margin:0;padding:0;display:grid;gap:.5rem;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr))}
.office-link{display:flex;flex-direction:column;justify-content:center;min-height:56px;height:100%;padding:.625rem 1rem;border:2px solid var(--line);border-radius:.5rem;color:var(--ink);text-decoration:none}
.office-link:hover{border-color:var(--brand)}
.office-name{font-weight:700;color:#0b4fa8;text-decoration:underline;text-underline-offset:2px}
.office-parent,.office-alias{color:var(--muted);font-size:.9375rem}
.office-action{color:var(--brand);font-weight:600;font-size:.9375rem}
.office-group h3{font-size:1.125rem;margin:1.25rem 0 .5rem}
.notice{border-left:4px solid var(--brand);background:#fbf3f3;padding:.75rem 1rem;margin:0 0 1rem}
.notice p{margin:0}
.lookup{border:2px solid var(--line);border-radius:.5rem;padding:.25rem 1rem 1rem;margin:2rem 0 0;max-width:44rem}
.lookup h2{font-size:1.125rem;margin:.75rem 0 .25rem}
.lookup p{margin:.25rem 0 .75rem}
.site-footer{border-top:1px solid var(--line);margin-top:2.5rem;color:var(--muted)}
.site-footer a{display:inline-flex;align-items:center;min-height:44px}
.not-found h1{font-size:1.75rem;margin-top:1.5rem}
.not-found section{margin-top:2rem;border-top:1px solid var(--line)}
`;
