import { notImplemented } from '../action-kit/run-action.js';
import { IndexUpdate } from '../contract/actions.js';

// Declares the interface only; the implementation lands with its issue.
await notImplemented(IndexUpdate);
