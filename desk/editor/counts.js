// Counts as the reporter types: characters with and without spaces, words,
// 200-character manuscript pages (원고지 매수), reading time, and the
// headline's length against what search results and the front page show.
//
// Reading time is the rule of articles/body.py (reading_minutes), written
// here again for the page: Korean at 500 characters a minute, English at 230
// words a minute, never under one minute. A test holds the two together.
export const KOREAN_CHARS_PER_MINUTE = 500;
export const ENGLISH_WORDS_PER_MINUTE = 230;
// Search results cut a title at about 600 px: ~30 Hangul or ~60 Latin letters.
// The front page's cards show two lines: ~40 Hangul or ~80 Latin letters.
export const HEADLINE_SEARCH_UNITS = 60;
export const HEADLINE_FRONT_UNITS = 80;

export function countText(text) {
  const characters = [...text.replace(/\n/g, "")].length;
  const noSpaces = [...text.replace(/\s/g, "")].length;
  const words = (text.match(/\S+/g) || []).length;
  return { characters, noSpaces, words, pages: Math.ceil(characters / 200) };
}

export function readingMinutes(text, language) {
  if ((language || "ko").startsWith("en")) {
    return Math.max(1, Math.round((text.match(/\S+/g) || []).length / ENGLISH_WORDS_PER_MINUTE));
  }
  return Math.max(1, Math.round([...text.replace(/\s/g, "")].length / KOREAN_CHARS_PER_MINUTE));
}

/** A headline's width in half-width units: a Hangul or CJK letter counts two. */
export function headlineUnits(headline) {
  let units = 0;
  for (const char of headline) units += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(char) ? 2 : 1;
  return units;
}
