// Coded errors that map to an HTTP status and a plain Chinese message for the reader; the
// details (`cause`, extra context) go to the server log only.
export type ErrorCode =
  | "pdf:unavailable"
  | "pdf:busy"
  | "pdf:timeout"
  | "pdf:render-failed";

const STATUS: Record<ErrorCode, number> = {
  "pdf:unavailable": 503,
  "pdf:busy": 503,
  "pdf:timeout": 503,
  "pdf:render-failed": 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Shown to the user as it is: plain Chinese, no internals. */
    readonly publicMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${publicMessage}`, options);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
