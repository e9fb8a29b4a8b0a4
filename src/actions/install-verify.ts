import { notImplemented } from '../action-kit/run-action.js';
import { InstallVerify } from '../contract/actions.js';

// Declares the interface only; the implementation lands with its issue.
await notImplemented(InstallVerify);
