// Renders a compiled body tree (hast, see lib/content/mdx.ts) to React. Interpreting the tree
// through a fixed component map is what keeps author-supplied code from ever running.
import type { Root } from "hast";
import { type Jsx, toJsxRuntime } from "hast-util-to-jsx-runtime";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { mediaUrl } from "@/lib/pictures/paths";
import { bulletinComponents, Figure } from "./mdx-components";

/**
 * `create` with a Figure's `src` resolved against the issue, so that the component map stays the
 * module-level one: a Figure wrapper defined per call would be a new component type every render.
 */
const resolvingFigures =
  (create: Jsx, issueUrl: string): Jsx =>
  (type, props, key) =>
    create(type, type === Figure ? { ...props, src: mediaUrl(props.src as string, issueUrl) } : props, key);

/** `issueUrl` ("/jtyx/2022/3") resolves pictures stored beside the issue (003.media/1.png). */
export function BulletinBody({ tree, issueUrl }: { tree: unknown; issueUrl: string }) {
  return toJsxRuntime(tree as Root, {
    Fragment,
    jsx: resolvingFigures(jsx, issueUrl),
    jsxs: resolvingFigures(jsxs, issueUrl),
    components: bulletinComponents,
    passKeys: true,
    ignoreInvalidStyle: true,
  });
}
