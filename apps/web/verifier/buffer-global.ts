import { Buffer } from 'buffer';

// The verifier, shared with the command line, uses Node's global Buffer; imported first in the
// worker so it is there before any module of the verifier is evaluated.
(globalThis as { Buffer?: unknown }).Buffer ??= Buffer;
