/*
 * A catalogue template's `{name}`s filled in, in the browser, as the pages' words.fill does at build
 * time (garden/locale/locale.ts): the scripts get their templates from the page, unfilled.
 */
export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
