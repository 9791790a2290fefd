// Coded errors that map to an HTTP status and a plain Chinese message for the reader; the
// details (`cause`, extra context) go to the server log only.
export type ErrorCode =
  | "pdf:unavailable"
  | "pdf:busy"
  | "pdf:timeout"
  | "pdf:render-failed"
  | "auth:unauthenticated"
  | "auth:forbidden"
  | "auth:locked"
  | "auth:invalid-input"
  | "studio:not-found"
  | "studio:invalid-input"
  | "studio:number-taken"
  | "studio:stale-revision"
  | "studio:bad-transition"
  | "studio:self-approval"
  | "studio:draft-invalid"
  | "studio:file-changed"
  | "studio:file-exists"
  | "studio:write-failed"
  | "studio:compose-mismatch"
  | "studio:too-large"
  | "studio:publishing"
  | "studio:invalid-picture"
  | "studio:picture-in-use"
  | "studio:media-full"
  | "xinxi:unknown-unit"
  | "xinxi:bad-transition"
  | "xinxi:invalid-file"
  | "mail:failed";

const STATUS: Record<ErrorCode, number> = {
  "pdf:unavailable": 503,
  "pdf:busy": 503,
  "pdf:timeout": 503,
  "pdf:render-failed": 500,
  "auth:unauthenticated": 401,
  "auth:forbidden": 403,
  "auth:locked": 429,
  "auth:invalid-input": 400,
  "studio:not-found": 404,
  "studio:invalid-input": 400,
  "studio:number-taken": 409,
  "studio:stale-revision": 409,
  "studio:bad-transition": 409,
  "studio:self-approval": 403,
  "studio:draft-invalid": 422,
  "studio:file-changed": 409,
  "studio:file-exists": 409,
  "studio:invalid-picture": 400,
  "studio:picture-in-use": 409,
  "studio:media-full": 413,
  "studio:write-failed": 500,
  "studio:compose-mismatch": 500,
  "studio:too-large": 413,
  "studio:publishing": 409,
  "xinxi:unknown-unit": 400,
  "xinxi:bad-transition": 409,
  "xinxi:invalid-file": 422,
  "mail:failed": 502,
};

export class AppError extends Error {
  readonly status: number;
  /** Messages per form field, when the error is about what was typed into one. */
  readonly fields?: Record<string, string>;
  constructor(
    readonly code: ErrorCode,
    /** Shown to the user as it is: plain Chinese, no internals. */
    readonly publicMessage: string,
    options?: { cause?: unknown; fields?: Record<string, string> },
  ) {
    super(`${code}: ${publicMessage}`, options);
    this.fields = options?.fields;
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
