// The one wrapper every studio server action goes through: it checks the session and the role
// on the server, parses the input with zod, and turns coded errors into plain messages. The
// role is kept on the function so a test can enumerate every action and what it requires.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Role } from "@/db/schema";
import { requireUser, type StudioUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";

export type ActionError = { code: string; message: string; fields?: Record<string, string> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export type StudioAction<I, T> = ((input: I) => Promise<ActionResult<T>>) & { requiredRole: Role };

export function fail(code: string, message: string, fields?: Record<string, string>): { ok: false; error: ActionError } {
  return { ok: false, error: { code, message, ...(fields ? { fields } : {}) } };
}

export function studioAction<S extends z.ZodType, T>(
  role: Role,
  schema: S,
  handler: (user: StudioUser, input: z.infer<S>) => Promise<T>,
): StudioAction<z.input<S>, T> {
  const action = async (input: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const user = await requireUser(role);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[issue.path.join(".") || "form"] ??= issue.message;
        return fail("studio:invalid-input", "填写的内容有误，请检查标出的项目", fields);
      }
      return { ok: true, data: await handler(user, parsed.data) };
    } catch (error) {
      // redirect(), notFound() and forbidden() are how Next navigates: let them through.
      unstable_rethrow(error);
      if (isAppError(error)) {
        if (error.status >= 500) console.error(error.code, error);
        return fail(error.code, error.publicMessage, error.fields);
      }
      console.error("studio:action-failed", error);
      return fail("studio:failed", "操作没有完成：服务器出错，请稍后再试");
    }
  };
  return Object.assign(action, { requiredRole: role });
}
