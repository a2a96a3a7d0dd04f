/**
 * The citizen pages' whole stylesheet, inlined: one round trip fewer on a
 * slow phone network, and no framework CSS (docs/decisions/002).
 */
export const CITIZEN_CSS = `
:root{--ink:#1a1a1a;--muted:#4a4f57;--brand:#a3141c;--line:#b8bdc4;--focus:#1050c0;--err:#b00020;--sel:#fff4d6}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:#fff}
a{color:#0b4fa8}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.top{background:var(--brand);color:#fff;padding:.75rem 1rem}
.top a{color:#fff}
.top .row{display:flex;justify-content:space-between;gap:1rem;align-items:flex-start;max-width:40rem;margin:0 auto}
.office{font-weight:700;font-size:1.1rem;margin:0}
.counter{margin:0;font-size:1rem}
.lang{white-space:nowrap;display:inline-block;padding:.5rem 0;min-height:44px}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.25rem 0 .25rem}
.intro{margin:0 0 1rem;color:var(--muted)}
fieldset{border:0;margin:0 0 1.25rem;padding:0;min-width:0}
legend{font-weight:700;font-size:1.125rem;margin-bottom:.5rem;padding:0}
.req{font-weight:400;color:var(--muted);font-size:1rem}
.scale{display:grid;grid-template-columns:repeat(5,1fr);gap:.25rem}
.opt{display:flex;flex-direction:column;align-items:center;text-align:center;gap:.25rem;padding:.5rem .125rem;border:2px solid var(--line);border-radius:.75rem;cursor:pointer;min-height:44px;font-size:.875rem;line-height:1.2}
.opt input{position:absolute;opacity:0;width:1px;height:1px}
.face{width:44px;height:44px;display:block}
.opt:has(input:checked){border-color:var(--brand);background:var(--sel);box-shadow:0 0 0 2px var(--brand);font-weight:700}
.opt:has(input:focus-visible){outline:3px solid var(--focus);outline-offset:2px}
.compact .face{width:32px;height:32px}
.compact legend{font-size:1rem;font-weight:600}
.choices{display:flex;flex-wrap:wrap;gap:.5rem}
.chip{display:flex;align-items:center;gap:.5rem;min-height:48px;padding:.5rem .75rem;border:2px solid var(--line);border-radius:.75rem;cursor:pointer}
.chip input{width:1.25rem;height:1.25rem;margin:0}
.chip:has(input:checked){border-color:var(--brand);background:var(--sel)}
details{border:2px solid var(--line);border-radius:.75rem;margin:0 0 1.25rem;padding:0 .75rem}
summary{cursor:pointer;font-weight:700;min-height:48px;display:flex;align-items:center;gap:.5rem;padding:.5rem 0;list-style:none}
summary::-webkit-details-marker{display:none}
summary::before{content:"+";display:inline-grid;place-items:center;flex:none;width:1.75rem;height:1.75rem;border:2px solid var(--brand);border-radius:50%;color:var(--brand);font-weight:700}
details[open]>summary::before{content:"\\2212"}
details[open]>summary{margin-bottom:.5rem}
.hint{color:var(--muted);font-size:.9375rem;margin:.25rem 0 .5rem}
label.block{display:block;font-weight:700;margin-bottom:.25rem}
textarea,input[type=tel],select{font:inherit;width:100%;min-height:48px;padding:.5rem .75rem;border:2px solid #6b7079;border-radius:.5rem;background:#fff;color:var(--ink)}
.check{display:flex;gap:.75rem;align-items:flex-start;margin:.75rem 0;cursor:pointer}
.check input{width:1.5rem;height:1.5rem;flex:none;margin-top:.1rem}
.submit{display:block;width:100%;min-height:56px;font:inherit;font-size:1.25rem;font-weight:700;color:#fff;background:var(--brand);border:0;border-radius:.75rem;cursor:pointer;margin:.5rem 0 1rem}
.submit[disabled]{opacity:.7}
.error{color:var(--err);font-weight:600;margin:.25rem 0}
.has-error .scale .opt,.has-error textarea,.has-error input[type=tel]{border-color:var(--err)}
.alert{border:3px solid var(--err);border-radius:.75rem;padding:.75rem 1rem;margin:0 0 1rem}
.alert h2{font-size:1.125rem;margin:0 0 .25rem;color:var(--err)}
.alert ul{margin:.25rem 0 0;padding-left:1.25rem}
.thanks{text-align:center;padding:2rem 0}
.thanks .face{width:96px;height:96px;margin:0 auto 1rem}
.receipt{font-size:2rem;font-weight:700;letter-spacing:.15em;border:3px dashed var(--brand);border-radius:.75rem;padding:.5rem 1rem;display:inline-block;margin:.5rem 0}
.lookup-link a{display:inline-block;padding:.625rem 0}
.button{display:inline-block;min-height:48px;padding:.75rem 1.25rem;border-radius:.75rem;border:2px solid var(--brand);color:var(--brand);font-weight:700;text-decoration:none}
@media (max-width:360px){.opt{font-size:.8125rem}.face{width:38px;height:38px}}
`;
