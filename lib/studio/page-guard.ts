// Pages load what they show through this: a coded refusal becomes the page a person expects
// (404 for what does not exist, 403 for what is not theirs) instead of an error page.
import "server-only";
import { forbidden, notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

export function orRefuse<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (isAppError(error) && error.code === "studio:not-found") notFound();
    if (isAppError(error) && error.code === "auth:forbidden") forbidden();
    throw error;
  }
}

/** A numeric id from a URL segment, or 404. */
export function idParam(raw: string): number {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) <= 0) notFound();
  return Number(raw);
}
