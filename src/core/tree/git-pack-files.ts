import { InputError } from '../errors.js';
import type { Git, GitBlob, GitLocation } from '../git/git.js';
import type { PackFiles } from '../pack/pack-files.js';

/**
 * {@link PackFiles} over the tree tracked at a commit, so the manifest and the component
 * inventory of an index entry describe exactly the commit its git source pins.
 */
export async function gitPackFiles(git: Git, location: GitLocation, commit: string): Promise<PackFiles> {
  const blobs = await git.listTree(location.top, commit, location.prefix);
  const strip = location.prefix === '' ? 0 : location.prefix.length + 1;
  const byPath = new Map<string, GitBlob>();
  for (const blob of blobs) if (blob.mode === '100644' || blob.mode === '100755') byPath.set(blob.path.slice(strip), blob);
  return {
    async listFiles(dir) {
      const prefix = dir === '' ? '' : `${dir.replace(/\/$/, '')}/`;
      const names: string[] = [];
      for (const path of byPath.keys()) {
        if (path.startsWith(prefix) && !path.slice(prefix.length).includes('/')) names.push(path.slice(prefix.length));
      }
      return names;
    },
    async readText(path) {
      const blob = byPath.get(path);
      if (!blob) throw new InputError(`${path} is not tracked at commit ${commit}`);
      const parts: Buffer[] = [];
      for await (const object of git.readBlobs(location.top, [blob.oid])) for await (const chunk of object.chunks) parts.push(chunk);
      return Buffer.concat(parts).toString('utf8');
    },
  };
}
