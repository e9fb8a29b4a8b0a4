import { describe, expect, it } from '@jest/globals';
import { cloneUrl, parseRepoName, serverRoot } from '../../src/core/github/github-api.js';
import { UsageError } from '../../src/core/errors.js';

describe('repository names and URLs', () => {
  it('parses owner/name and refuses anything else, naming where it came from', () => {
    expect(parseRepoName(' acme/registry ', 'input repository')).toEqual({ owner: 'acme', repo: 'registry' });
    for (const bad of ['acme', 'acme/registry/x', 'acme/..', 'ac me/registry', '']) {
      expect(() => parseRepoName(bad, 'input repository')).toThrow(UsageError);
    }
    expect(() => parseRepoName('acme', '--repository')).toThrow(/^--repository: expected a repository as owner\/name/);
  });

  it('builds clone URLs on github.com or the GitHub Enterprise Server of GITHUB_SERVER_URL', () => {
    const repo = { owner: 'acme', repo: 'registry' };
    expect(cloneUrl(repo, undefined)).toBe('https://github.com/acme/registry.git');
    expect(cloneUrl(repo, '')).toBe('https://github.com/acme/registry.git');
    expect(cloneUrl(repo, 'https://ghe.example.com/')).toBe('https://ghe.example.com/acme/registry.git');
    expect(serverRoot('https://ghe.example.com//')).toBe('https://ghe.example.com');
  });
});
