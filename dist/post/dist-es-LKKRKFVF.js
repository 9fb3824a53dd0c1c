import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./chunk-IJQROIB6.js";import"./chunk-XXCQFPIC.js";import"./chunk-JJ7BIIFO.js";import"./chunk-XXHMSJDS.js";import"./chunk-MHUJLDWL.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
