// The tester link's half that runs in the browser. Visiting any URL with
// `?maintenance-bypass=<token>` during maintenance still gets the maintenance page (the request
// carries no token WAF checks); this inline script stores the token in the `maintenance_bypass`
// cookie and reloads the same URL without the parameter, and that reload carries the cookie
// past WAF. The cookie lives as long as the token: its expiry is read from the token itself
// (`mb1-YYYYMMDDTHHMMSSZ-...`); a token without one gets a session cookie. An expired token sets
// nothing and says so. Anything that is not base64url (at most 200 characters, a set entry's
// limit) is ignored, so the parameter cannot write other cookie attributes.
//
// ES5 without template literals: the page is a Terraform string, where `${` and `%{` would be
// template syntax, and it must run on any phone.

import { BYPASS_COOKIE, BYPASS_QUERY_PARAMETER } from '@maintenance-action/contract';

/** Id of the element the script fills when the link has expired. */
export const BYPASS_NOTICE_ID = 'bypass-notice';

export function bypassLinkScript(): string {
  return `<script>
(function(){
var u=new URL(location.href),t=u.searchParams.get("${BYPASS_QUERY_PARAMETER}");
if(!t||!/^[A-Za-z0-9_-]{1,200}$/.test(t))return;
var c="${BYPASS_COOKIE}="+t+"; Path=/; SameSite=Lax",m=/^mb1-(\\d{4})(\\d\\d)(\\d\\d)T(\\d\\d)(\\d\\d)(\\d\\d)Z-/.exec(t);
if(m){var s=Math.floor((Date.UTC(m[1],m[2]-1,m[3],m[4],m[5],m[6])-Date.now())/1000);
if(s<1){document.getElementById("${BYPASS_NOTICE_ID}").hidden=false;return}c+="; Max-Age="+s}
if(location.protocol=="https:")c+="; Secure";
document.cookie=c;u.searchParams.delete("${BYPASS_QUERY_PARAMETER}");location.replace(u.href)
})();
</script>`;
}
