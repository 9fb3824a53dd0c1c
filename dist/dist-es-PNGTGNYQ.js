import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./chunk-75SYXKAJ.js";import"./chunk-EEVKC6Z4.js";import"./chunk-5WZWDPPB.js";import"./chunk-KORH2MJQ.js";import"./chunk-PZUQPKGI.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
