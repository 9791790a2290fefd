// Renders a compiled body tree (hast, see lib/content/mdx.ts) to React. Interpreting the tree
// through a fixed component map is what keeps author-supplied code from ever running.
import type { Root } from "hast";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { bulletinComponents } from "./mdx-components";

export function BulletinBody({ tree }: { tree: unknown }) {
  return toJsxRuntime(tree as Root, {
    Fragment,
    jsx,
    jsxs,
    components: bulletinComponents,
    passKeys: true,
    ignoreInvalidStyle: true,
  });
}
