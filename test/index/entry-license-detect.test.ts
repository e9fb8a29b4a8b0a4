import { describe, expect, it } from '@jest/globals';
import { detectLicense, LICENSE_FILES } from '../../src/core/index/license-detect.js';
import { APACHE_LICENSE, MIT_LICENSE } from './index-fixtures.js';

/** The notice the GNU licenses of 2007 (GPL-3.0, LGPL-3.0, AGPL-3.0) open with, word for word. */
const FSF_2007_NOTICE = ` Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>
 Everyone is permitted to copy and distribute verbatim copies
 of this license document, but changing it is not allowed.
`;

/** The copyright line and clauses 1 and 2, which the BSD 3-Clause and 2-Clause texts share word for word. */
const BSD_CLAUSES_1_2 = `Copyright (c) 2026, Example Team

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.
`;

/** Opening lines of the real license texts, wrapped as the files wrap them. */
const TEXTS: [string, string][] = [
  [
    'AGPL-3.0',
    `                    GNU AFFERO GENERAL PUBLIC LICENSE
                       Version 3, 19 November 2007

${FSF_2007_NOTICE}
                            Preamble

  The GNU Affero General Public License is a free, copyleft license for
software and other kinds of works, specifically designed to ensure
cooperation with the community in the case of network server software.
`,
  ],
  [
    'LGPL-3.0',
    `                   GNU LESSER GENERAL PUBLIC LICENSE
                       Version 3, 29 June 2007

${FSF_2007_NOTICE}

  This version of the GNU Lesser General Public License incorporates
the terms and conditions of version 3 of the GNU General Public
License, supplemented by the additional permissions listed below.
`,
  ],
  [
    'LGPL-2.1',
    `                  GNU LESSER GENERAL PUBLIC LICENSE
                       Version 2.1, February 1999

 Copyright (C) 1991, 1999 Free Software Foundation, Inc.
 51 Franklin Street, Fifth Floor, Boston, MA  02110-1301  USA
 Everyone is permitted to copy and distribute verbatim copies
 of this license document, but changing it is not allowed.

[This is the first released version of the Lesser GPL.  It also counts
 as the successor of the GNU Library Public License, version 2, hence
 the version number 2.1.]
`,
  ],
  [
    'GPL-3.0',
    `                    GNU GENERAL PUBLIC LICENSE
                       Version 3, 29 June 2007

${FSF_2007_NOTICE}
                            Preamble

  The GNU General Public License is a free, copyleft license for
software and other kinds of works.
`,
  ],
  [
    'GPL-2.0',
    `                    GNU GENERAL PUBLIC LICENSE
                       Version 2, June 1991

 Copyright (C) 1989, 1991 Free Software Foundation, Inc.,
 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA
 Everyone is permitted to copy and distribute verbatim copies
 of this license document, but changing it is not allowed.
`,
  ],
  ['Apache-2.0', APACHE_LICENSE],
  [
    'MPL-2.0',
    `Mozilla Public License Version 2.0
==================================

1. Definitions
--------------

1.1. "Contributor"
    means each individual or legal entity that creates, contributes to
    the creation of, or owns Covered Software.
`,
  ],
  [
    'Unlicense',
    `This is free and unencumbered software released into the public domain.

Anyone is free to copy, modify, publish, use, compile, sell, or
distribute this software, either in source code form or as a compiled
binary, for any purpose, commercial or non-commercial, and by any
means.
`,
  ],
  [
    'ISC',
    `ISC License

Copyright (c) 2026, Example Team

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS.
`,
  ],
  ['MIT', MIT_LICENSE],
  [
    'BSD-3-Clause',
    `BSD 3-Clause License

${BSD_CLAUSES_1_2}
3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.
`,
  ],
  ['BSD-2-Clause', `BSD 2-Clause License

${BSD_CLAUSES_1_2}`],
];

describe('detectLicense: SPDX ids from license texts', () => {
  it.each(TEXTS)('%s', (id, text) => {
    expect(detectLicense(text)).toBe(id);
  });

  it('line breaks inside a phrase and CRLF files do not matter', () => {
    expect(detectLicense('Permission is hereby\r\ngranted, free of\r\ncharge ...\r\nTHE SOFTWARE IS PROVIDED\r\n"AS IS"\r\n')).toBe('MIT');
    expect(detectLicense('Apache License\r\n\r\n   Version 2.0, January 2004\r\n')).toBe('Apache-2.0');
  });

  it.each([
    ['a proprietary notice', 'Copyright (c) 2026 Example Corp. All rights reserved.\nNo part of this software may be copied.\n'],
    ['an empty file', ''],
    ['an MIT-like text without the grant', 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.\n'],
    ['a GPL text of another version', 'GNU GENERAL PUBLIC LICENSE\nVersion 1, February 1989\n'],
    ['the Apache License 1.1', 'The Apache Software License, Version 1.1\n'],
  ])('%s is not recognised', (_what, text) => {
    expect(detectLicense(text)).toBeUndefined();
  });

  it('LICENSE comes first among the file names looked at', () => {
    expect(LICENSE_FILES[0]).toBe('LICENSE');
    expect(LICENSE_FILES).toEqual(expect.arrayContaining(['LICENSE.md', 'LICENSE.txt', 'COPYING']));
  });
});
