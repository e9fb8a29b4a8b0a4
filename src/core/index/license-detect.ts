/** File names GitHub (and so Attune's builder) looks at for a repository's license. */
export const LICENSE_FILES = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'LICENCE.md', 'COPYING', 'COPYING.md', 'COPYING.txt'];

/** Distinctive phrases of common licenses, most specific first, with GitHub's SPDX ids. */
const SIGNATURES: [string, RegExp[]][] = [
  ['AGPL-3.0', [/GNU AFFERO GENERAL PUBLIC LICENSE\s+Version 3/i]],
  ['LGPL-3.0', [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3/i]],
  ['LGPL-2.1', [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1/i]],
  ['GPL-3.0', [/GNU GENERAL PUBLIC LICENSE\s+Version 3/i]],
  ['GPL-2.0', [/GNU GENERAL PUBLIC LICENSE\s+Version 2/i]],
  ['Apache-2.0', [/Apache License,?\s+Version 2\.0/i]],
  ['MPL-2.0', [/Mozilla Public License,?\s+(Version|v\.?)\s*2\.0/i]],
  ['Unlicense', [/This is free and unencumbered software released into the public domain/i]],
  ['ISC', [/Permission to use, copy, modify, and\/?o?r? distribute this software for any\s+purpose with or without fee/i]],
  ['MIT', [/Permission is hereby granted, free of charge/i, /THE SOFTWARE IS PROVIDED "AS IS"/i]],
  ['BSD-3-Clause', [/Redistribution and use in source and binary forms/i, /Neither the name/i]],
  ['BSD-2-Clause', [/Redistribution and use in source and binary forms/i]],
];

/**
 * The SPDX id of a license text, for the phrases of common licenses; undefined when the
 * text is not recognised (the entry then says NOASSERTION, as Attune's builder does).
 */
export function detectLicense(text: string): string | undefined {
  const flat = text.replace(/\s+/g, ' ');
  return SIGNATURES.find(([, patterns]) => patterns.every((p) => p.test(flat)))?.[0];
}
