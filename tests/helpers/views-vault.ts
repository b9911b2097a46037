import { shared } from './vault.ts';

/*
 * A small vault organised with views: a base and Dataview queries over books, two of them shared
 * and one private (with canaries in its name, title, body and properties), a private author a
 * shared book names, and a folder with a private note in it. Used by the unit test of the views'
 * wiring and by the build test that scans the output for the canaries.
 */
export const VIEW_CANARIES = {
  fileName: 'zqviewcanaryfile',
  title: 'zqviewcanarytitle',
  body: 'zqviewcanarybody',
  property: 'zqviewcanaryauthor',
  folderNote: 'zqviewcanaryfolder',
  script: 'zqviewjsword',
  /** A base only the private note links: it gets no page. */
  base: 'zqviewcanarybase',
  /** The private note's card image. */
  image: 'zqviewcanaryimage',
} as const;

const BOOKS_BASE = `filters:
  and:
    - file.hasTag("book")
formulas:
  double: rating * 2
  where: this.file.name
properties:
  note.rating:
    displayName: Rating
views:
  - type: table
    name: All books
    order:
      - file.name
      - rating
      - formula.double
    sort:
      - property: file.name
        direction: ASC
    summaries:
      rating: Sum
  - type: table
    name: By author
    groupBy:
      property: author
      direction: ASC
    order:
      - file.name
      - author
  - type: list
    name: Shown where
    order:
      - file.name
      - formula.where
`;

export const VIEWS_VAULT: Record<string, string> = {
  'Books.base': BOOKS_BASE,
  [`${VIEW_CANARIES.base}.base`]: 'views:\n  - type: table\n    name: Never shown\n',
  'Unnamed.base': 'views:\n  - type: table\n    name: Nobody names this base\n',
  'Covers.base': 'filters:\n  and:\n    - file.hasTag("book")\nviews:\n  - type: cards\n    name: Covers\n    image: cover\n    order: [file.name]\n',
  'Dune.md': shared('A desert planet.', 'tags: [book]\nrating: 5\nauthor: "[[Herbert]]"\ncover: "[[dune.png]]"\n'),
  'Images/dune.png': 'an image',
  [`Images/${VIEW_CANARIES.image}.png`]: 'an image',
  'Emma.md': shared('A matchmaker.', 'tags: [book]\nrating: 3\nauthor: "[[Private Author]]"\n'),
  'Herbert.md': shared('Wrote Dune.'),
  'Private Author.md': '---\nshare: false\n---\nNot published.',
  [`${VIEW_CANARIES.fileName}.md`]: `---\nshare: false\ntitle: ${VIEW_CANARIES.title}\ntags: [book]\nrating: 1000\nauthor: ${VIEW_CANARIES.property}\ncover: "[[${VIEW_CANARIES.image}.png]]"\n---\n${VIEW_CANARIES.body} [[${VIEW_CANARIES.base}.base]]\n`,
  'Shelf/Note A.md': shared('On the shelf.', 'rating: 2\n'),
  [`Shelf/${VIEW_CANARIES.folderNote}.md`]: `---\nshare: false\nrating: 500\n---\n${VIEW_CANARIES.body}\n`,
  'Library.md': shared(
    [
      'Rated `= this.rating` stars.',
      '',
      '![[Books.base]]',
      '',
      '![[Books.base#By author]]',
      '',
      '![[Covers.base]]',
      '',
      '```dataview',
      'TABLE rating AS "zqviewscore"',
      'FROM #book',
      'SORT rating DESC',
      '```',
      '',
      '```dataview',
      'LIST',
      'FROM "Shelf"',
      '```',
      '',
      '```dataviewjs',
      `dv.paragraph("${VIEW_CANARIES.script}")`,
      '```',
      '',
      'And `$= dv.current().rating` too.',
      '',
      'Who wrote them: [[Books.base#By author|the authors]].',
      '',
    ].join('\n'),
    'rating: 4\n',
  ),
};
