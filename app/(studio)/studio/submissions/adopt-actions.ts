"use server";
// 采用 (one 信息稿件 into an issue) and 综合 (several into one issue): each writes the articles into
// a draft of their series and opens it. The rules live in lib/xinxi/adopt.ts.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adoptionKinds } from "@/db/schema";
import { clientIp } from "@/lib/auth/client-ip";
import { studioAction } from "@/lib/studio/action";
import { ADOPTABLE, type AdoptTarget, adoptSubmissions, COMBINABLE } from "@/lib/xinxi/adopt";

const id = z.number().int().positive();
const kind = z.enum(adoptionKinds, { error: "请选择采用方式" });
// "new" is 新建一期; otherwise the id of an open draft.
const target = z.union([z.literal("new"), id], { error: "请选择采用到哪一期" });
const targetOf = (t: "new" | number): AdoptTarget => (t === "new" ? { newIssue: true } : { draftId: t });

export const adoptSubmission = studioAction("editor", z.object({ submissionId: id, kind, target }), async (user, input) => {
  const { draftId } = await adoptSubmissions(user, {
    items: [{ submissionId: input.submissionId, kind: input.kind }],
    target: targetOf(input.target),
    allowed: ADOPTABLE,
    ip: await clientIp(),
  });
  revalidatePath(`/studio/submissions/${input.submissionId}`);
  redirect(`/studio/drafts/${draftId}`);
});

export const combineSubmissions = studioAction(
  "editor",
  z.object({
    items: z
      .array(z.object({ submissionId: id, kind }), { error: "请选择要综合的信息稿件" })
      .min(2, { error: "综合至少要选两篇" })
      .max(30, {
        error: "一期最多综合 30 篇",
      }),
    target,
  }),
  async (user, input) => {
    const { draftId } = await adoptSubmissions(user, {
      items: input.items,
      target: targetOf(input.target),
      allowed: COMBINABLE,
      ip: await clientIp(),
    });
    revalidatePath("/studio/submissions");
    redirect(`/studio/drafts/${draftId}`);
  },
);
