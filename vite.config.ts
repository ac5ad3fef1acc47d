import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const backend = process.env.STEWARD_API_URL ?? "http://localhost:3000";

export default defineConfig({
  root: fileURLToPath(new URL("./src/web", import.meta.url)),
  publicDir: false,
  plugins: [react()],
  // postcss.config.cjs (postcss-preset-mantine) lives at the repository root, above `root`.
  css: { postcss: fileURLToPath(new URL(".", import.meta.url)) },
  build: {
    outDir: fileURLToPath(new URL("./dist/web", import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: backend, changeOrigin: false },
      "/healthz": { target: backend },
    },
  },
});
