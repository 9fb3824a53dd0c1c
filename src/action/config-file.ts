// Where the action finds the config file: the checked-out workspace, or else the repository
// itself at the workflow's commit through the GitHub API (jobs that skip actions/checkout).
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { ConfigText } from '../domain/config-text.js';
import { errorMessage } from '../domain/error-message.js';

export interface ConfigFile extends ConfigText {
  /** Where it was read from, for the log. */
  readonly origin: string;
}

export interface RepositoryRef {
  readonly owner: string;
  readonly repo: string;
  /** Commit the workflow runs on (GITHUB_SHA). */
  readonly ref: string;
}

export async function readConfigFile(
  path: string,
  workspace: string | undefined,
  token: string,
  repository: RepositoryRef | undefined,
): Promise<ConfigFile> {
  const local = isAbsolute(path) ? path : resolve(workspace ?? process.cwd(), path);
  try {
    return { text: await readFile(local, 'utf8'), file: path, origin: local };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new Error(
        `input "config": ${path} is a directory (${local}), not a config file; give the file itself, e.g. ${join(path, 'maintenance.yml')}.`,
        { cause: error },
      );
    }
    if (!isNotFound(error)) {
      throw new Error(`input "config": could not read ${local} (${errorMessage(error)}).`, {
        cause: error,
      });
    }
  }
  const fallback = `${path} is not in the workspace (${local})`;
  const fix =
    'check out the repository (actions/checkout) before this step, or grant the job `contents: read` so the action can read the file through the GitHub API';
  if (!repository || !token) {
    throw new Error(`${fallback} and there is no repository or token to read it from: ${fix}.`);
  }
  const at = `${repository.owner}/${repository.repo}@${repository.ref}`;
  try {
    const text = await readFromRepository(path, token, repository);
    return { text, file: path, origin: `${at} (GitHub API)` };
  } catch (error) {
    const why = errorMessage(error);
    if ((error as { status?: unknown } | null)?.status === 404) {
      // The API answered: the file is not at that commit. Checkout and permissions come last.
      throw new Error(
        `${fallback}, and the GitHub API found no ${path} in ${at} (the commit this run is on; 404 ${why}). Likely causes, most likely first: ` +
          `(1) the file is not committed at that commit (added in another branch, or not pushed); ` +
          `(2) the path is not where the file is (input "config" is relative to the repository root; check its case); ` +
          `(3) the token cannot see the repository (GitHub answers 404, not 403, for a private repository it may not read: grant the job \`contents: read\`). ` +
          `A job that checks out the repository (actions/checkout) reads the file from the workspace instead.`,
        { cause: error },
      );
    }
    throw new Error(
      `${fallback} and reading it from ${at} through the GitHub API failed (${why}): ${fix}.`,
      { cause: error },
    );
  }
}

async function readFromRepository(
  path: string,
  token: string,
  { owner, repo, ref }: RepositoryRef,
): Promise<string> {
  // Loaded only on this path: most jobs check out the repository and never need the client.
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token);
  const response = await octokit.rest.repos.getContent({
    owner,
    repo,
    ref,
    path: path.replace(/^\.\//, ''),
  });
  const data = response.data;
  if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
    throw new Error(`${path} is not a file`);
  }
  return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
