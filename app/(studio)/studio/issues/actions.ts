"use server";
// A published issue in the studio: correct it (a new draft through review), withdraw it from
// the public, or publish it again.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientIp } from "@/lib/auth/client-ip";
import { studioAction } from "@/lib/studio/action";
import { changePublication, startCorrection } from "@/lib/studio/issue-files";

const issueId = z.number().int().positive();
const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const correctIssue = studioAction("editor", z.object({ issueId }), async (user, input) => {
  const draftId = await startCorrection(user, input.issueId);
  redirect(`/studio/drafts/${draftId}`);
});

export const withdrawIssue = studioAction(
  "reviewer",
  z.object({ issueId, expectedHash: hash, reason: z.string().trim().min(1, { error: "请写明撤回的原因" }).max(500) }),
  async (user, input) => {
    await changePublication(user, { ...input, status: "withdrawn" }, await clientIp());
    revalidatePath(`/studio/issues/${input.issueId}`);
    return {};
  },
);

export const republishIssue = studioAction("reviewer", z.object({ issueId, expectedHash: hash }), async (user, input) => {
  await changePublication(user, { ...input, status: "published" }, await clientIp());
  revalidatePath(`/studio/issues/${input.issueId}`);
  return {};
});
