import { InputError } from '../errors.js';

/**
 * The tag spellings that name a pack version, for docs and messages. A monorepo tags each
 * pack with its ref in front, so one repository can release several packs.
 */
export const RELEASE_TAG_FORMS = ['v<version>', '<version>', '<ref>-v<version>', '<ref>/v<version>'] as const;

/** What a release tag is checked against: the pack's ref and version from pack.yaml. */
export interface TaggedPack {
  readonly ref: string;
  readonly version: string;
}

/** The tag names that release `pack`, in the order of {@link RELEASE_TAG_FORMS}. */
export function releaseTagNames(pack: TaggedPack): string[] {
  return RELEASE_TAG_FORMS.map((form) => form.replace('<ref>', pack.ref).replace('<version>', pack.version));
}

/**
 * Fail unless `tag` (a tag name, or a full `refs/tags/...` ref such as GITHUB_REF) names
 * the version pack.yaml declares, so a release never ships an archive whose pack.yaml says
 * another version than its tag. `manifestFile` names the pack.yaml that was read.
 */
export function checkReleaseTag(tag: string, pack: TaggedPack, manifestFile: string): void {
  const name = tag.trim().replace(/^refs\/tags\//, '');
  const accepted = releaseTagNames(pack);
  if (accepted.includes(name)) return;
  const forms = `${accepted.slice(0, -1).join(', ')} or ${accepted[accepted.length - 1]}`;
  throw new InputError(
    `tag ${JSON.stringify(tag)} does not name version ${pack.version}, which ${manifestFile} declares for pack ${pack.ref} ` +
      `(a release tag must be ${forms}). Either tag the commit whose pack.yaml says the version you are releasing, ` +
      `or correct the version in ${manifestFile}, commit, and tag that commit again.`,
  );
}
