// Scripts and the e2e config find Chromium the same way as the PDF renderer.
export { CHROMIUM_ARGS, findChromium as chromiumPath } from "../../lib/pdf/chromium";
