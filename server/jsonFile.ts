/**
 * Reading a JSON file the way the server and the CLI both do: a file that cannot be read or is not
 * JSON is one `JsonFileError` whose message names the file and says why, in one wording. `-` is
 * stdin (the CLI's pipes).
 */
import { readFileSync } from 'node:fs';

export class JsonFileError extends Error {}

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new JsonFileError(
      `${file}: cannot read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? (e as Error).message)})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new JsonFileError(`${file}: not JSON: ${(e as Error).message}`);
  }
}
