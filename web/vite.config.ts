import { defineConfig } from "vite";

// `npm run dev` serves the app on :5173 and forwards the server's own paths to a GridStream server on :5080.
const server = process.env.GRIDSTREAM_SERVER ?? "http://localhost:5080";

export default defineConfig({
  // hls.js is most of the bundle; one file of ~200 kB gzipped is fine for a video page.
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: {
      "/api": server,
      "/origin": server,
      "/hubs": { target: server, ws: true },
    },
  },
});
