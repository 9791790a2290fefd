// Native addons and packages that load their own files (wasm, browser drivers) stay out of the
// server bundle and load from node_modules.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3", "playwright-core", "subset-font", "fontverter", "harfbuzzjs", "wawoff2", "pdf-lib"],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden(): a studio page refused to a signed-in user of too low a role answers 403.
  // Word files for 导入 reach a server action: up to the importer's own 15 MB limit.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "16mb" } },
};

export default nextConfig;
