// A version of a 信息稿件 as the reader of the inbox sees it: the title and the body rendered by the
// bulletin's own component map (no author code runs), pictures from the submission's private route.
import "server-only";
import { BulletinBody } from "@/components/bulletin/bulletin-body";
import { compileBody } from "@/lib/content/mdx";

export async function SubmissionText({ submissionId, title, body }: { submissionId: number; title: string; body: string }) {
  const compiled = await compileBody(body);
  return (
    <article className="official-body rounded border border-stone-200 bg-white px-6 py-4" data-testid="submission-text">
      <h2 className="mb-3 text-center text-lg font-bold">{title}</h2>
      {compiled.ok ? (
        <BulletinBody tree={compiled.value.tree} issueUrl={`/studio/submissions/${submissionId}`} />
      ) : (
        <pre className="whitespace-pre-wrap text-sm">{body}</pre>
      )}
    </article>
  );
}
