// For commands that load server modules which import next/navigation (lib/auth/session.ts, by way
// of lib/xinxi/calls.ts): outside Next's build that name resolves to the client build, which
// needs React's client context. Next's server build aliases it to the react-server build; this
// resolve hook (node --import) does the same, so such a module loads in a plain Node process.
import { register } from "node:module";

register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === "next/navigation" || specifier === "next/navigation.js")
    return next("next/dist/client/components/navigation.react-server.js", context);
  return next(specifier, context);
}`)}`,
  import.meta.url,
);
