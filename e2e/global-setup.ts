/**
 * Builds the front end once before the browser tests (they serve dist/ from the real server), as
 * `npm run build` does: in production mode. Under vitest NODE_ENV is "test", which would otherwise
 * give React's development build — slower, and not what is shipped.
 */
import { build } from 'vite';

export default async function setup(): Promise<void> {
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ logLevel: 'warn', configFile: 'vite.config.ts', mode: 'production' });
  } finally {
    process.env.NODE_ENV = env;
  }
}
