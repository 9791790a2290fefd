// GET /<series>/<year>/<number>/media/<file>: a picture stored beside the issue's MDX file
// (content/<series>/<year>/<NNN>.media/<file>). Served only for an issue the caller may read,
// and only raster images by plain names, so no path escapes the issue's folder.
import { getPublishedIssue } from "@/db/queries/archive";
import { issuePath } from "@/lib/content/paths";
import { db } from "@/lib/database";
import { env } from "@/lib/env";
import { isRenderRequest } from "@/lib/pdf/render-access";
import { mediaPath } from "@/lib/pictures/paths";
import { readPublishedPicture } from "@/lib/pictures/published";
import { pictureNotFound as notFound, pictureResponse, requestedPicture } from "@/lib/pictures/response";
import { parseIssueParams } from "@/lib/route-params";
import { viewerMayReadInternal } from "@/lib/viewer";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ series: string; year: string; number: string; file: string }> };

export async function GET(request: Request, { params }: Params) {
  const p = await params;
  const key = parseIssueParams(p);
  const picture = requestedPicture(p.file);
  if (!key || !picture) return notFound();
  const issue = getPublishedIssue(db(), key, { includeInternal: isRenderRequest(request.headers) || (await viewerMayReadInternal()) });
  if (!issue) return notFound();
  const bytes = await readPublishedPicture(env().contentDir, mediaPath(issuePath(key), picture.file));
  if (!bytes) return notFound();
  return pictureResponse(bytes, picture.type, issue.visibility === "public" ? "public, max-age=300" : "private, no-store");
}
