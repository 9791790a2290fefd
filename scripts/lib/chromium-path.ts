// Scripts and the e2e config find Chromium the same way as the PDF renderer.
export { findChromium as chromiumPath, CHROMIUM_ARGS } from "../../lib/pdf/chromium";
