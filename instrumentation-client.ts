// Runs in the browser before the app's own code: zod (shared form schemas) would otherwise probe
// for eval with `new Function("")` to compile faster parsers, which the Content-Security-Policy
// (lib/security-headers.mjs: no 'unsafe-eval') refuses and reports as a violation. The parsers
// work the same without it.
import { z } from "zod";

z.config({ jitless: true });
