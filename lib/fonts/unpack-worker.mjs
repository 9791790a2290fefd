// Worker thread: unpacks one WOFF2 font to TrueType (wasm, about a second for a CJK face), so the
// server's main thread keeps answering requests meanwhile. Plain JS, loaded from disk, not bundled.
import { parentPort, workerData } from "node:worker_threads";
import { convert } from "fontverter";

parentPort.postMessage(await convert(Buffer.from(workerData), "truetype"));
