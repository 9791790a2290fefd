// A child process of the load pool (load-pool.ts): reads, parses and compiles issue files for
// the sync, which writes the results.
import { searchDocument } from "@/lib/search/document";
import { type LoadedSeries, loadIssue } from "./load";

type Message = { init: { root: string; series: LoadedSeries[] } } | { id: number; rel: string };

let root = "";
let byId = new Map<string, LoadedSeries>();

process.on("message", async (message: Message) => {
  if ("init" in message) {
    root = message.init.root;
    byId = new Map(message.init.series.map((s) => [s.definition.id, s]));
    return;
  }
  const { id, rel } = message;
  try {
    const result = await loadIssue(root, rel, byId);
    // The tree goes over as JSON text: copying a string is cheap, rebuilding thousands of
    // objects in the parent is not (the parent only stores it).
    if (result.ok) {
      // The search text is prepared here too, beside the compiling, not in the process that writes.
      const { tree, ...body } = result.value.body;
      process.send!({
        id,
        result: { ...result, value: { ...result.value, body, search: searchDocument(result.value) } },
        treeJson: JSON.stringify(tree),
      });
    } else process.send!({ id, result });
  } catch (error) {
    process.send!({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
process.on("disconnect", () => process.exit(0));
