import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/sql-files.ts';

// Every file path named in a README (or any Markdown file) or in a code comment exists in this repository
// (issue 18.6): a moved or deleted file leaves no stale pointer behind, and nothing points outside the
// repository (a folder beside it is not there for someone who clones it).

/** A path with at least one folder and a file ending; `=`, `@` or a word just before it means it is not a path. */
const PATH = /(?<![\w@./=$-])((?:\.{1,2}\/)*[A-Za-z0-9_][\w.-]*(?:\/[\w.-]+)+\.(?:ts|tsx|sql|md|cjs|js|json|csv|parquet|html|xlsx))(?![\w/-])/g;
/** A path up and out of the folder it is named in (two dots, a slash, a folder), with or without a file ending. */
const UPWARD = /(?<![\w@./=$-])((?:\.\.\/)+[\w.-]+(?:\/[\w.-]+)*)/g;
/** Absolute paths of the machine the repository happened to be written on (/tmp in an example command is fine). */
const ABSOLUTE = /(?<![\w.])\/(?:work|home|Users)\/[\w./-]+/g;
/** The folder of published inputs beside the repository (`shared/`), not in it. */
const SIBLING = /^(?:\.\.\/)*shared\//;

/**
 * Folders a path may be written relative to, besides the naming file's own folder and its parents: the server's
 * stage folders are named from server/ (`indicators/engine.ts`), the web's from web/src/, SQL files from sql/.
 */
const BASES = ['server', 'web/src', 'sql'];

/** References outside the repository that are meant, by file: the published source files are read, not shipped. */
const PUBLISHED_SOURCES = "the importers' default folder of the published DfE/ONS/MoJ files (--source, --data): read, not shipped";
const ALLOWED_OUTSIDE: Record<string, string> = {
  'README.md: ../shared/data': PUBLISHED_SOURCES,
  'data/reference/README.md: ../shared/data': PUBLISHED_SOURCES,
  'server/cli/import-benchmarks.ts: ../shared/data': PUBLISHED_SOURCES,
  'server/generate/derive-params.ts: ../shared/data': PUBLISHED_SOURCES,
  'test/benchmarks/import-dfe.test.ts: ../shared/data': 'the importer checked on the published files, skipped when they are absent',
  'test/benchmarks/README.md: ../shared/data': 'the importer checked on the published files, skipped when they are absent',
};

/** Stale on purpose: the second test shows the check catching them. */
const FIXTURES = 'test/architecture/fixtures/';

const TEXT_FILE = /\.(md|ts|tsx|sql|cjs|js|mjs)$/;

/**
 * What .gitignore leaves out, as a test of a repository path (the patterns that file uses: `dir/`, `*.ext`, `a/*.b`,
 * plain names), read here rather than asked of git, so the check also runs on a copy without .git.
 */
function gitIgnored(root: string): (path: string) => boolean {
  const patterns = readFileSync(join(root, '.gitignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'));
  const tests = patterns.map((pattern) => {
    const folder = pattern.endsWith('/');
    const body = pattern.replace(/\/$/, '');
    const glob = body.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
    const anchored = body.includes('/') ? `^${glob.replace(/^\//, '')}` : `(^|/)${glob}`;
    return new RegExp(`${anchored}${folder ? '(/|$)' : '$'}`);
  });
  return (path) => tests.some((test) => test.test(path.replace(/\/$/, '')));
}

/** The repository's text files: every file below the root that .gitignore does not leave out. */
function repositoryTextFiles(root: string): string[] {
  const ignored = gitIgnored(root);
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.name === '.git' || ignored(path)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && TEXT_FILE.test(path) && !path.startsWith(FIXTURES)) files.push(path);
    }
  };
  walk('');
  return files;
}

/** The prose of a line: the whole of a Markdown line; the comment of a code line ('//', '/* … *\/', ' * ', SQL '--'). */
function proseOf(file: string, line: string): string {
  if (file.endsWith('.md')) return line;
  const trimmed = line.trim();
  if (/^(\/\/|\/\*|\*|--)/.test(trimmed)) return trimmed;
  return /\s(?:\/\/|--)\s(.*)$/.exec(line)?.[1] ?? '';
}

/** `file:line: path (why)` for each path named in `files` that does not exist in the repository or leaves it. */
export function staleReferences(root: string, files: string[]): string[] {
  const candidates: { where: string; path: string; tries: string[] }[] = [];
  const found: string[] = [];
  for (const file of files) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      const prose = proseOf(file, line);
      const where = `${file}:${index + 1}`;
      for (const [absolute] of prose.matchAll(ABSOLUTE)) found.push(`${where}: ${absolute} (an absolute path outside the repository)`);
      const named = new Map([...prose.matchAll(PATH), ...prose.matchAll(UPWARD)].map((m) => [m.index, m[1] ?? '']));
      for (const path of [...named].sort((a, b) => a[0] - b[0]).map(([, p]) => p)) {
        if (ALLOWED_OUTSIDE[`${file}: ${path}`]) continue;
        if (SIBLING.test(path)) {
          found.push(`${where}: ${path} (the sibling folder shared/, outside the repository)`);
          continue;
        }
        const folders: string[] = [];
        for (let folder = dirname(file); ; folder = dirname(folder)) {
          folders.push(folder);
          if (folder === '.') break;
        }
        const tries = [...folders, ...BASES].map((folder) => relative(root, join(root, folder, path))).filter((t) => !t.startsWith('..'));
        if (tries.length === 0) found.push(`${where}: ${path} (outside the repository)`);
        else if (!tries.some((t) => existsSync(join(root, t)))) candidates.push({ where, path, tries });
      }
    });
  }
  // A path git ignores is one the product writes (data/users.json, test/artifacts/…): it need not exist.
  const ignored = gitIgnored(root);
  for (const c of candidates) if (!c.tries.some(ignored)) found.push(`${c.where}: ${c.path} (no such file)`);
  const line = (entry: string) => Number(/:(\d+):/.exec(entry)?.[1]);
  return found.sort((a, b) => a.split(':')[0]!.localeCompare(b.split(':')[0]!) || line(a) - line(b));
}

/**
 * The entries of the root README's annotated tree (the code block with `server/` at its left margin): a name at
 * the margin, or two spaces in under the folder above it; `<id>` placeholders stand for any file of the folder.
 */
export function readmeTree(readme: string): string[] {
  const blocks = readme.split(/^```.*$/m).filter((_, i) => i % 2 === 1);
  const tree = blocks.find((block) => /^server\/\s/m.test(block)) ?? '';
  const entries: string[] = [];
  let folder = '';
  for (const line of tree.split('\n')) {
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const name = line.trim().split(/\s/)[0] ?? '';
    if (!name || indent > 2) continue;
    if (indent === 0) folder = name.endsWith('/') ? name : '';
    entries.push(indent === 0 ? name : `${folder}${name}`);
  }
  return entries;
}

describe('paths named in READMEs and comments', () => {
  it('all exist in the repository, and none points outside it', () => {
    expect(staleReferences(repoRoot, repositoryTextFiles(repoRoot))).toEqual([]);
  });

  it('are caught when they do not (a missing file, a sibling folder, an absolute path)', () => {
    const stale = staleReferences(repoRoot, ['test/architecture/fixtures/stale-references.md']);
    expect(stale).toEqual([
      'test/architecture/fixtures/stale-references.md:3: server/api/contract.ts (no such file)',
      'test/architecture/fixtures/stale-references.md:4: analytics/disclosure.ts (no such file)',
      'test/architecture/fixtures/stale-references.md:5: ../shared/extract-spec.md (the sibling folder shared/, outside the repository)',
      'test/architecture/fixtures/stale-references.md:6: shared/indicators.md (the sibling folder shared/, outside the repository)',
      'test/architecture/fixtures/stale-references.md:7: /work/shared/data (an absolute path outside the repository)',
      'test/architecture/fixtures/stale-references.md:8: ../../../../elsewhere (outside the repository)',
    ]);
  });

  it("include the root README's annotated tree: every entry exists, every server/ folder and stage file is listed", () => {
    const entries = readmeTree(readFileSync(join(repoRoot, 'README.md'), 'utf8'));
    const missing = entries
      .map((entry) => entry.replace(/<[^>]+>.*$/, ''))
      .filter((entry) => !existsSync(join(repoRoot, entry)) && !gitIgnored(repoRoot)(entry));
    expect(missing).toEqual([]);
    const serverEntries = readdirSync(join(repoRoot, 'server'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || entry.name.endsWith('.ts'))
      .map((entry) => `server/${entry.name}${entry.isDirectory() ? '/' : ''}`);
    expect(serverEntries.filter((entry) => !entries.some((e) => e === entry || e.startsWith(entry)))).toEqual([]);
  });
});
