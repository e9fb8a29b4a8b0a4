import { f as fromEnv } from './s3-store.js';
export { E as ENV_ACCOUNT_ID, a as ENV_CREDENTIAL_SCOPE, b as ENV_EXPIRATION, c as ENV_KEY, d as ENV_SECRET, e as ENV_SESSION } from './s3-store.js';
import 'node:fs';
import 'node:path';
import 'node:os';
import 'node:fs/promises';
import 'events';
import 'buffer';
import 'stream';
import 'node:stream';
import 'node:zlib';
import './_commonjsHelpers.js';
import 'node:crypto';
import 'node:https';
import 'node:process';



export { fromEnv };
