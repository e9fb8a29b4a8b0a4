import { f as fromEnv } from './publish.js';
export { E as ENV_ACCOUNT_ID, a as ENV_CREDENTIAL_SCOPE, b as ENV_EXPIRATION, c as ENV_KEY, d as ENV_SECRET, e as ENV_SESSION } from './publish.js';
import 'node:fs/promises';
import 'node:os';
import 'node:path';
import './build.js';
import './framed.js';
import './_commonjsHelpers.js';
import './index.js';
import 'node:fs';
import 'node:crypto';
import './atomic-file.js';
import './manifest.js';
import './index2.js';
import 'process';
import 'buffer';
import './pack-source.js';
import './packignore.js';
import 'node:zlib';
import './file-digest.js';
import './entry-builder.js';
import './pack-files.js';
import './index-rules.js';
import 'node:url';
import 'node:timers/promises';
import 'events';
import 'stream';
import 'node:stream';
import 'node:https';
import 'node:process';
import './index-update.js';
import './canonical-json.js';
import './json-text.js';
import './index-stream.js';



export { fromEnv };
