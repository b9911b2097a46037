import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Literal } from 'mdast';
import { codes } from 'micromark-util-symbol';
import { markdownLineEnding } from 'micromark-util-character';
import { decodeString } from 'micromark-util-decode-string';

/*
 * `[[…]]` and `![[…]]` as a syntax of the parser, read as Obsidian reads them: at its first `[`,
 * before links, emphasis, code or autolinks can start inside it, up to the first `]]` on the same
 * line, with no `[` or `]` in between. So `[[_draft_ ideas]]`, `[[foo|the `x` flag]]` and
 * `[[www.example.com notes]]` are links whose words are shown as written. The published micromark
 * extensions for wikilinks are either for micromark 2 (micromark-extension-wiki-link) or resolve
 * links their own way (@flowershow/remark-wiki-link); the garden resolves every target through its
 * privacy-aware lookup (wikilinks.ts), so it needs only the syntax.
 */

/** A wikilink or embed as written: what stands between `[[` and `]]`, escapes and entities decoded. */
export interface WikiLink extends Literal {
  type: 'wikiLink';
  embed: boolean;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    wikiLink: WikiLink;
  }
  interface RootContentMap {
    wikiLink: WikiLink;
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    wikiLink: 'wikiLink';
    wikiLinkMarker: 'wikiLinkMarker';
    wikiLinkInner: 'wikiLinkInner';
  }
}

function tokenizeWikiLink(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let brackets = 0;
  let inner = 0;
  const start = (code: Code): State | undefined => {
    effects.enter('wikiLink');
    effects.enter('wikiLinkMarker');
    if (code === codes.exclamationMark) {
      effects.consume(code);
      return opening;
    }
    return opening(code);
  };
  const opening = (code: Code): State | undefined => {
    if (code !== codes.leftSquareBracket) return nok(code);
    effects.consume(code);
    if (++brackets < 2) return opening;
    effects.exit('wikiLinkMarker');
    effects.enter('wikiLinkInner');
    return within;
  };
  const within = (code: Code): State | undefined => {
    if (code === null || markdownLineEnding(code) || code === codes.leftSquareBracket) return nok(code);
    if (code === codes.rightSquareBracket) {
      if (inner === 0) return nok(code);
      effects.exit('wikiLinkInner');
      effects.enter('wikiLinkMarker');
      effects.consume(code);
      return closing;
    }
    // A backslash escapes the next character (`\|` in a table, `\#` in the words), as in CommonMark.
    if (code === codes.backslash) {
      inner++;
      effects.consume(code);
      return escaped;
    }
    inner++;
    effects.consume(code);
    return within;
  };
  const escaped = (code: Code): State | undefined => {
    if (code === codes.rightSquareBracket || code === codes.leftSquareBracket || code === codes.verticalBar || code === codes.numberSign) {
      effects.consume(code);
      return within;
    }
    return within(code);
  };
  const closing = (code: Code): State | undefined => {
    if (code !== codes.rightSquareBracket) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    effects.exit('wikiLink');
    return ok;
  };
  return start;
}

const wikiLink: Construct = { name: 'wikiLink', tokenize: tokenizeWikiLink };

/** The micromark extension: tried before every other construct at `[` and `!`. */
export const wikiLinkSyntax: Extension = {
  text: { [codes.leftSquareBracket]: { ...wikiLink, add: 'before' }, [codes.exclamationMark]: { ...wikiLink, add: 'before' } },
};

/** The mdast extension: a `wikiLink` node for each. */
export const wikiLinkFromMarkdown: FromMarkdownExtension = {
  enter: {
    wikiLink(this: CompileContext, token: Token) {
      this.enter({ type: 'wikiLink', embed: false, value: '' } as WikiLink as never, token);
    },
  },
  exit: {
    wikiLinkInner(this: CompileContext, token: Token) {
      (this.stack.at(-1) as unknown as WikiLink).value = decodeString(this.sliceSerialize(token));
    },
    wikiLink(this: CompileContext, token: Token) {
      (this.stack.at(-1) as unknown as WikiLink).embed = this.sliceSerialize(token).startsWith('!');
      this.exit(token);
    },
  },
};
