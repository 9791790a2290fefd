// Limits that keep one odd file from costing the whole archive time or memory.
export const MAX_ISSUE_BYTES = 512 * 1024; // a long bulletin is ~30 KB of text
export const MAX_SERIES_BYTES = 64 * 1024;
// Bump when the compiled output changes shape, so the sync recompiles every file once.
export const COMPILER_VERSION = "2";
