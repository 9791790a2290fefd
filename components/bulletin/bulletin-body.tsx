// Renders a compiled body tree (hast, see lib/content/mdx.ts) to React. Interpreting the tree
// through a fixed component map is what keeps author-supplied code from ever running.
import type { Root } from "hast";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { mediaUrl } from "@/lib/content/media";
import { bulletinComponents, Figure } from "./mdx-components";

/** `issueUrl` ("/jtyx/2022/3") resolves pictures stored beside the issue (003.media/1.png). */
export function BulletinBody({ tree, issueUrl }: { tree: unknown; issueUrl: string }) {
  return toJsxRuntime(tree as Root, {
    Fragment,
    jsx,
    jsxs,
    components: {
      ...bulletinComponents,
      Figure: (props: Parameters<typeof Figure>[0]) => <Figure {...props} src={mediaUrl(props.src, issueUrl)} />,
    },
    passKeys: true,
    ignoreInvalidStyle: true,
  });
}
