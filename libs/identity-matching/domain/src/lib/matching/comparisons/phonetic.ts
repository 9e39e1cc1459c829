import { foldToAscii } from './normalise';

/** A Double Metaphone key: the primary pronunciation and an alternate one (often the same). */
export interface PhoneticCode {
  readonly primary: string;
  readonly alternate: string;
}

const MAX_CODE_LENGTH = 4;
const VOWELS = 'AEIOUY';

/**
 * Double Metaphone (Lawrence Philips, 2000) for English and British names: returns a primary and an
 * alternate code of up to four characters (`0` stands for "th"; `X` for "sh"/"ch").
 *
 * This implements the rules that matter for names heard in the UK (silent letters, `ph`, `gh`,
 * `ch`, `th`, `sch`, soft `c`/`g`, initial `j`/`w`/`x`, Greek `ch`, Polish `-wicz`/`-ski`); the
 * rarer Spanish, Italian and Slavic special cases of the full algorithm are left out. One British
 * extension: the glide `p` in `mps`/`mpt` is silent, so `Thompson` and `Thomson` collide.
 */
export function doubleMetaphone(name: string): PhoneticCode {
  const word = foldToAscii(name)
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  const encoder = new CodeBuilder();
  let index = /^(GN|KN|PN|WR|PS)/.test(word) ? 1 : 0;
  if (word.startsWith('X')) {
    encoder.add('S');
    index = 1;
  }
  while (index < word.length && !encoder.isFull()) {
    index = encodeAt(word, index, encoder);
  }
  return encoder.build();
}

/** True when any code of one name equals any code of the other. */
export function soundAlike(a: string, b: string): boolean {
  const codesA = doubleMetaphone(a);
  const codesB = doubleMetaphone(b);
  if (codesA.primary.length === 0 || codesB.primary.length === 0) return false;
  return [codesA.primary, codesA.alternate].some(
    (code) => code === codesB.primary || code === codesB.alternate,
  );
}

class CodeBuilder {
  private primary = '';
  private alternate = '';

  add(primary: string, alternate: string = primary): void {
    this.primary += primary;
    this.alternate += alternate;
  }

  isFull(): boolean {
    return this.primary.length >= MAX_CODE_LENGTH && this.alternate.length >= MAX_CODE_LENGTH;
  }

  build(): PhoneticCode {
    return {
      primary: this.primary.slice(0, MAX_CODE_LENGTH),
      alternate: this.alternate.slice(0, MAX_CODE_LENGTH),
    };
  }
}

function isVowel(word: string, index: number): boolean {
  return index >= 0 && index < word.length && VOWELS.includes(word[index]);
}

function at(word: string, index: number, ...options: string[]): boolean {
  if (index < 0) return false;
  return options.some((option) => word.startsWith(option, index));
}

/** Encodes the sound starting at `index` and returns the index of the next unread letter. */
function encodeAt(word: string, index: number, code: CodeBuilder): number {
  const letter = word[index];
  const next = word[index + 1];
  switch (letter) {
    case 'A':
    case 'E':
    case 'I':
    case 'O':
    case 'U':
    case 'Y':
      if (index === 0) code.add('A');
      return index + 1;
    case 'B':
      code.add('P');
      return next === 'B' ? index + 2 : index + 1;
    case 'C':
      return encodeC(word, index, code);
    case 'D':
      if (at(word, index, 'DG')) {
        if (at(word, index + 2, 'I', 'E', 'Y')) {
          code.add('J');
          return index + 3;
        }
        code.add('TK');
        return index + 2;
      }
      code.add('T');
      return at(word, index, 'DT', 'DD') ? index + 2 : index + 1;
    case 'F':
      code.add('F');
      return next === 'F' ? index + 2 : index + 1;
    case 'G':
      return encodeG(word, index, code);
    case 'H':
      if ((index === 0 || isVowel(word, index - 1)) && isVowel(word, index + 1)) code.add('H');
      return index + 1;
    case 'J':
      if (index === 0) code.add('J', 'A');
      else if (index === word.length - 1) code.add('J', '');
      else code.add('J');
      return next === 'J' ? index + 2 : index + 1;
    case 'K':
      code.add('K');
      return next === 'K' ? index + 2 : index + 1;
    case 'L':
      code.add('L');
      return next === 'L' ? index + 2 : index + 1;
    case 'M':
      code.add('M');
      if (at(word, index - 1, 'UMB') && index + 2 === word.length) return index + 2;
      return next === 'M' ? index + 2 : index + 1;
    case 'N':
      code.add('N');
      return next === 'N' ? index + 2 : index + 1;
    case 'P':
      if (next === 'H') {
        code.add('F');
        return index + 2;
      }
      if (word[index - 1] === 'M' && (next === 'S' || next === 'T')) return index + 1;
      code.add('P');
      return next === 'P' || next === 'B' ? index + 2 : index + 1;
    case 'Q':
      code.add('K');
      return next === 'Q' ? index + 2 : index + 1;
    case 'R':
      code.add('R');
      return next === 'R' ? index + 2 : index + 1;
    case 'S':
      return encodeS(word, index, code);
    case 'T':
      return encodeT(word, index, code);
    case 'V':
      code.add('F');
      return next === 'V' ? index + 2 : index + 1;
    case 'W':
      return encodeW(word, index, code);
    case 'X':
      if (!(index === word.length - 1 && at(word, index - 2, 'AUX', 'OUX'))) code.add('KS');
      return next === 'C' || next === 'X' ? index + 2 : index + 1;
    case 'Z':
      if (next === 'H') {
        code.add('J');
        return index + 2;
      }
      code.add('S');
      return next === 'Z' ? index + 2 : index + 1;
    default:
      return index + 1;
  }
}

function encodeC(word: string, index: number, code: CodeBuilder): number {
  if (at(word, index, 'CH')) {
    const greek =
      (index === 0 && at(word, 1, 'HARAC', 'HARIS', 'HOR', 'HYM', 'HIA', 'HEM')) ||
      ((index === 0 || at(word, index - 1, 'A', 'O', 'U', 'E')) &&
        (at(word, index + 2, 'L', 'R', 'N', 'M', 'B', 'H', 'F', 'V', 'W') || index + 2 === word.length));
    if (greek || at(word, index - 1, 'MCH')) code.add('K');
    else if (index === 0) code.add('X');
    else code.add('X', 'K');
    return index + 2;
  }
  if (at(word, index, 'CZ')) {
    code.add('S', 'X');
    return index + 2;
  }
  if (at(word, index, 'CC') && at(word, index + 2, 'I', 'E', 'H') && !at(word, index + 2, 'HU')) {
    code.add('KS');
    return index + 3;
  }
  if (at(word, index, 'CK', 'CG', 'CQ')) {
    code.add('K');
    return index + 2;
  }
  if (at(word, index, 'CI', 'CE', 'CY')) {
    if (at(word, index, 'CIO', 'CIE', 'CIA')) code.add('S', 'X');
    else code.add('S');
    return index + 2;
  }
  code.add('K');
  return at(word, index + 1, 'C', 'K', 'Q') && !at(word, index + 1, 'CE', 'CI') ? index + 2 : index + 1;
}

function encodeG(word: string, index: number, code: CodeBuilder): number {
  const next = word[index + 1];
  if (next === 'H') {
    if (index > 0 && !isVowel(word, index - 1)) code.add('K');
    else if (index === 0) code.add(word[2] === 'I' ? 'J' : 'K');
    else if (
      at(word, index - 2, 'B', 'H', 'D') ||
      at(word, index - 3, 'B', 'H', 'D') ||
      at(word, index - 4, 'B', 'H')
    ) {
      // silent, as in Hugh, bough, Broughton
    } else if (index > 2 && word[index - 1] === 'U' && at(word, index - 3, 'C', 'G', 'L', 'R', 'T'))
      code.add('F');
    else if (word[index - 1] !== 'I') code.add('K');
    return index + 2;
  }
  if (next === 'N') {
    code.add('N', 'KN');
    return index + 2;
  }
  if (index === 0 && at(word, 1, 'ES', 'EP', 'EB', 'EL', 'EY', 'IB', 'IL', 'IN', 'IE', 'EI', 'ER')) {
    code.add('K', 'J');
    return index + 2;
  }
  if (
    at(word, index + 1, 'ER', 'Y') &&
    !at(word, 0, 'DANGER', 'RANGER', 'MANGER') &&
    !at(word, index - 1, 'E', 'I')
  ) {
    code.add('K', 'J');
    return index + 2;
  }
  if (at(word, index + 1, 'E', 'I', 'Y') || at(word, index - 1, 'AGGI', 'OGGI')) {
    if (at(word, 0, 'VAN', 'VON', 'SCH') || at(word, index + 1, 'ET')) code.add('K');
    else if (at(word, index + 1, 'IER')) code.add('J');
    else code.add('J', 'K');
    return index + 2;
  }
  code.add('K');
  return next === 'G' ? index + 2 : index + 1;
}

function encodeS(word: string, index: number, code: CodeBuilder): number {
  const next = word[index + 1];
  if (at(word, index - 1, 'ISL', 'YSL')) return index + 1;
  if (index === 0 && at(word, 0, 'SUGAR')) {
    code.add('X', 'S');
    return index + 1;
  }
  if (next === 'H') {
    code.add(at(word, index + 1, 'HEIM', 'HOEK', 'HOLM', 'HOLZ') ? 'S' : 'X');
    return index + 2;
  }
  if (at(word, index, 'SIO', 'SIA')) {
    code.add('S', 'X');
    return index + 3;
  }
  if ((index === 0 && at(word, 1, 'M', 'N', 'L', 'W')) || next === 'Z') {
    code.add('S', 'X');
    return next === 'Z' ? index + 2 : index + 1;
  }
  if (next === 'C') {
    if (word[index + 2] === 'H') {
      if (at(word, index + 3, 'ER', 'EN')) code.add('X', 'SK');
      else if (index === 0 && !isVowel(word, 3) && word[3] !== 'W') code.add('X', 'S');
      else code.add('SK');
      return index + 3;
    }
    code.add(at(word, index + 2, 'I', 'E', 'Y') ? 'S' : 'SK');
    return index + 3;
  }
  if (index === word.length - 1 && at(word, index - 2, 'AI', 'OI')) code.add('', 'S');
  else code.add('S');
  return next === 'S' ? index + 2 : index + 1;
}

function encodeT(word: string, index: number, code: CodeBuilder): number {
  if (at(word, index, 'TION', 'TIA', 'TCH')) {
    code.add('X');
    return index + 3;
  }
  if (at(word, index, 'TH', 'TTH')) {
    const skip = word[index + 1] === 'T' ? 3 : 2;
    if (at(word, index + skip, 'OM', 'AM') || at(word, 0, 'VAN ', 'VON ', 'SCH')) code.add('T');
    else code.add('0', 'T');
    return index + skip;
  }
  code.add('T');
  return at(word, index, 'TT', 'TD') ? index + 2 : index + 1;
}

function encodeW(word: string, index: number, code: CodeBuilder): number {
  if (word[index + 1] === 'R') {
    code.add('R');
    return index + 2;
  }
  if (index === 0) {
    if (isVowel(word, 1)) code.add('A', 'F');
    else if (word[1] === 'H') code.add('A');
  }
  if (at(word, index, 'WICZ', 'WITZ')) {
    code.add('TS', 'FX');
    return index + 4;
  }
  if (
    (index === word.length - 1 && isVowel(word, index - 1)) ||
    at(word, index - 1, 'EWSKI', 'EWSKY', 'OWSKI', 'OWSKY')
  ) {
    code.add('', 'F');
  }
  return index + 1;
}
