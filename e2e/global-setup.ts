/**
 * Builds the front end once before the browser tests (they serve dist/ from the real server).
 */
import { build } from 'vite';

export default async function setup(): Promise<void> {
  await build({ logLevel: 'warn', configFile: 'vite.config.ts' });
}
