/**
 * The parktwin server: HTTP API and the built front end on one port. `createApp` takes its
 * dependencies so tests start the real server on port 0.
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { countByKind, loadModel, type ParkModel } from '../src/model/model.ts';
import { LayoutFormatError, type LayoutIssue } from '../src/model/validate.ts';

export interface AppDeps {
  layoutFile: string;
  /** Directory of the built front end (vite build); absent → the API only. */
  staticDir?: string;
}

export interface ParktwinServer {
  readonly http: http.Server;
  readonly model: ParkModel;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** The layout file could not be loaded; `issues` say why, feature by feature. */
export class LayoutLoadError extends Error {
  constructor(
    message: string,
    readonly issues: LayoutIssue[] = [],
  ) {
    super(message);
  }
}

export function loadLayoutFile(file: string): { model: ParkModel; text: string; warnings: LayoutIssue[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new LayoutLoadError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LayoutLoadError(`${file}: not JSON: ${(e as Error).message}`);
  }
  try {
    const r = loadModel(json);
    if (!r.ok) throw new LayoutLoadError(`${file}: invalid layout (${r.issues.filter((i) => i.severity === 'error').length} errors)`, r.issues);
    return { model: r.model, text: JSON.stringify(json), warnings: r.issues };
  } catch (e) {
    if (e instanceof LayoutFormatError) throw new LayoutLoadError(`${file}: ${e.message}`);
    throw e;
  }
}

export function createApp(deps: AppDeps): ParktwinServer {
  const { model, text } = loadLayoutFile(deps.layoutFile);
  const startedAt = new Date().toISOString();
  const app = express();
  app.disable('x-powered-by');

  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', startedAt, layout: { name: model.meta.name ?? null, features: model.features.length, counts: countByKind(model.layout) } });
  });
  app.get('/api/layout', (_req, res) => {
    res.type('application/geo+json').send(text);
  });
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'no such API route' });
  });

  if (deps.staticDir && existsSync(path.join(deps.staticDir, 'index.html'))) {
    const index = path.join(deps.staticDir, 'index.html');
    app.use(express.static(deps.staticDir, { index: 'index.html', maxAge: '1h' }));
    app.get('/{*rest}', (_req, res) => res.sendFile(index));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('parktwin API is running; the front end is not built (run `npm run build`).\n');
    });
  }

  const server = http.createServer(app);
  return {
    http: server,
    model,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
