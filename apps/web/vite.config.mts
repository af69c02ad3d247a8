import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web app: built into dist/web and served by the API under /app/. Vite transforms the .tsx
 * files itself (Oxc, React's automatic JSX runtime); there is no React plugin and no fast refresh.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  resolve: {
    // The offline verification (verifier/) runs the command line's verifier, whose only Node
    // module is node:crypto: SHA-256 and Ed25519 from the browser's own implementation of it.
    alias: [{ find: /^node:crypto$/, replacement: fileURLToPath(new URL('verifier/node-crypto.ts', import.meta.url)) }],
  },
  // The verifier's worker imports modules; a module worker keeps them as they are.
  worker: { format: 'es' },
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // The one large chunk is ECharts, loaded only by the Sozialraum-Jahr page.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // The app, and the page the identity provider answers a silent renewal with.
      input: {
        app: fileURLToPath(new URL('index.html', import.meta.url)),
        'silent-renew': fileURLToPath(new URL('silent-renew.html', import.meta.url)),
      },
      onwarn(warning, warn) {
        // React Query's "use client" markers mean nothing without server components.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite --config apps/web/vite.config.ts` during development: the API on port 3000.
    proxy: Object.fromEntries(
      ['/budgets', '/steering', '/sozialraeume', '/dev', '/audit', '/notifications', '/sign-in', '/me'].map((path) => [path, 'http://localhost:3000']),
    ),
  },
});
