// What the npm tests share: the repository's paths, newslens's version, and a fresh
// project with the packed tarball (`make package`) installed, as a user installs it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]*)"/m)[1];
const tarball = join(root, 'dist', `newslens-${version}.tgz`);

/** A new project folder named after `name`, an ES-module package with the tarball
 * installed (a local tarball with no dependencies: no network needed). */
export function installed(name) {
  assert.ok(existsSync(tarball), `${tarball}: run make package`);
  const project = mkdtempSync(join(tmpdir(), `newslens-${name}-`));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: project, stdio: 'pipe' });
  return project;
}
