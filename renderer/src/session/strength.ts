import type { TranslationKeys, ZxcvbnResult } from '@zxcvbn-ts/core';

/** The weakest score a master password may have (main refuses weaker ones with WEAK_PASSWORD too). */
export const MIN_SCORE = 3;

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  /** Why it is weak, when zxcvbn knows. */
  warning: string | null;
  suggestions: string[];
  /** How long an offline attacker with a slow hash would need, in words. */
  crackTime: string;
}

export type StrengthChecker = (password: string, userInputs?: string[]) => Strength;

const en: TranslationKeys = {
  warnings: {
    straightRow: 'Straight rows of keys on your keyboard are easy to guess.',
    keyPattern: 'Short keyboard patterns are easy to guess.',
    simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
    extendedRepeat: 'Repeated patterns like "abcabcabc" are easy to guess.',
    sequences: 'Common sequences like "abc" are easy to guess.',
    recentYears: 'Recent years are easy to guess.',
    dates: 'Dates are easy to guess.',
    topTen: 'This is one of the most used passwords.',
    topHundred: 'This is a very often used password.',
    common: 'This is a commonly used password.',
    similarToCommon: 'This is similar to a commonly used password.',
    wordByItself: 'Single words are easy to guess.',
    namesByThemselves: 'Single names or surnames are easy to guess.',
    commonNames: 'Common names and surnames are easy to guess.',
    userInputs: 'It should not contain words about this app.',
    pwned: 'This password appeared in a data breach.',
  },
  suggestions: {
    l33t: "Avoid predictable letter substitutions like '@' for 'a'.",
    reverseWords: 'Avoid reversed spellings of common words.',
    allUppercase: 'Capitalise some, but not all letters.',
    capitalization: 'Capitalise more than the first letter.',
    dates: 'Avoid dates and years that are associated with you.',
    recentYears: 'Avoid recent years.',
    associatedYears: 'Avoid years that are associated with you.',
    sequences: 'Avoid common character sequences.',
    repeated: 'Avoid repeated words and characters.',
    longerKeyboardPattern: 'Use longer keyboard patterns and change typing direction several times.',
    anotherWord: 'Add more words that are less common.',
    useWords: 'Use several unrelated words together.',
    noNeed: 'You can make strong passwords without symbols, numbers or uppercase letters.',
    pwned: 'Pick a password you have not used elsewhere.',
  },
  timeEstimation: {
    ltSecond: 'less than a second',
    second: '{base} second',
    seconds: '{base} seconds',
    minute: '{base} minute',
    minutes: '{base} minutes',
    hour: '{base} hour',
    hours: '{base} hours',
    day: '{base} day',
    days: '{base} days',
    month: '{base} month',
    months: '{base} months',
    year: '{base} year',
    years: '{base} years',
    centuries: 'centuries',
  },
};

let loading: Promise<StrengthChecker> | null = null;

/**
 * Loads zxcvbn and its dictionaries on first use (they weigh far more than the rest of the UI), so
 * the first screen paints before they arrive. Later calls share the same promise.
 */
export function loadStrength(): Promise<StrengthChecker> {
  loading ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(([core, common]) => {
    const zxcvbn = new core.ZxcvbnFactory({
      dictionary: common.dictionary,
      graphs: common.adjacencyGraphs,
      translations: en,
    });
    return (password, userInputs = []) => toStrength(zxcvbn.check(password, userInputs));
  });
  return loading;
}

function toStrength(r: ZxcvbnResult): Strength {
  return {
    score: r.score,
    warning: r.feedback.warning,
    suggestions: r.feedback.suggestions,
    crackTime: r.crackTimes.offlineSlowHashingXPerSecond.display,
  };
}

/** Words that make a password weak here: zxcvbn counts them as already known to an attacker. */
export const APP_WORDS = ['token', 'vault', 'tokenvault', 'azion', 'ocean', 'master', 'password'];

/** Why a password is refused, or null when it is good enough. */
export function refusal(strength: Strength): string | null {
  if (strength.score >= MIN_SCORE) return null;
  const why = strength.warning ?? 'It would be guessed too quickly.';
  const how = strength.suggestions[0] ?? 'Use four or more unrelated words, or a longer password.';
  return `Too weak (${strength.score} of 4, needs ${MIN_SCORE}). ${why} ${how}`;
}

export const SCORE_LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;
