// What a blocked visitor receives: the bodies and headers of the two custom 503 responses.

import { MAINTENANCE_MARKER } from '@maintenance-action/contract';
import { BYPASS_NOTICE_ID, bypassLinkScript } from './bypass-link-script.js';

/** Keys of the rule group's custom response bodies. */
export const API_BODY_KEY = 'maintenance-json';
export const PAGE_BODY_KEY = 'maintenance-html';

export const DEFAULT_RETRY_AFTER_SECONDS = 300;
export const DEFAULT_STATUS_CODE = 503;

/** `retryAfter` may be a cdktf token (a Terraform variable), so it is only ever concatenated. */
export function defaultApiBody(retryAfter: number): string {
  return `{"error":"maintenance","retryAfter":${retryAfter}}`;
}

/**
 * The built-in maintenance page: self-contained (no external assets, since those may be behind the
 * same firewall), readable on a phone, usable with a screen reader, light and dark aware, and it
 * reloads itself after Retry-After seconds. A tester link (`?maintenance-bypass=<token>`) turns
 * into a cookie and a reload (bypass-link-script.ts). Written without `${` and `%{` (note
 * `50% {`), so the synthesized JSON needs no Terraform escaping.
 */
export function defaultMaintenancePage(retryAfter: number): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${retryAfter}">
<meta name="robots" content="noindex">
<title>Down for maintenance</title>
<style>
:root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fafafa;--muted:#4a4a55;--accent:#0b5cad}
@media (prefers-color-scheme:dark){:root{--fg:#f2f2f5;--bg:#16161a;--muted:#c4c4cc;--accent:#8ab8ff}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:1.5rem;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:34rem;text-align:center}
h1{font-size:clamp(1.5rem,5vw,2.25rem);line-height:1.2;margin:0 0 1rem}
p{margin:0 0 1rem;color:var(--muted)}
a{color:var(--accent)}
@media (prefers-reduced-motion:no-preference){.dot{animation:pulse 2s ease-in-out infinite}}
@keyframes pulse{50% {opacity:.3}}
.dot{display:inline-block;width:.75rem;height:.75rem;border-radius:50%;background:var(--accent);margin-bottom:1.5rem}
</style>
</head>
<body>
<main role="main" aria-labelledby="title">
<span class="dot" aria-hidden="true"></span>
<h1 id="title">We'll be back soon</h1>
<p>We are carrying out planned maintenance to improve our service. Thank you for your patience.</p>
<p>This page checks again automatically; you can also <a href="">reload it</a> in a few minutes.</p>
<p id="${BYPASS_NOTICE_ID}" hidden>This tester link has expired: ask for a new one.</p>
</main>
${bypassLinkScript()}
</body>
</html>
`;
}

/** Headers on both responses; WAF sends custom response headers verbatim (no x-amzn-waf- prefix). */
export function responseHeaders(retryAfter: number): { name: string; value: string }[] {
  return [
    { name: 'Retry-After', value: `${retryAfter}` },
    { name: 'Cache-Control', value: 'no-store' },
    { ...MAINTENANCE_MARKER },
  ];
}
