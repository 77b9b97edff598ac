import { describe, expect, it } from 'vitest';
import { classifyComment, compilePattern, explainComment, tokenizeClauses } from '../../server/analytics/feedback-classifier.ts';
import { themeIds } from '../../contract/vocabularies.ts';
import { lexicon } from '../../server/analytics/feedback-lexicon.ts';

// The theme classifier on crafted sentences: one theme, several, none, word boundaries,
// exclusions, and denials ("no problems with transport").

describe('tokenising', () => {
  it('splits clauses at punctuation and contrastive words, keeps apostrophes inside words', () => {
    expect(tokenizeClauses("Helpful staff, but the wait wasn't great. Post-16 – nothing")).toEqual([
      ['helpful', 'staff'],
      ['the', 'wait', "wasn't", 'great'],
      ['post', '16'],
      ['nothing'],
    ]);
    expect(tokenizeClauses('It’s OK')).toEqual([["it's", 'ok']]);
  });

  it('rejects malformed lexicon phrases', () => {
    expect(() => compilePattern('~')).toThrow(/no required word/);
    expect(() => compilePattern('wait| ')).not.toThrow();
    expect(() => compilePattern('a?')).toThrow(/no required word/);
  });
});

describe('one theme per sentence', () => {
  it.each([
    ['We have been on the waiting list for 14 months.', 'waiting'],
    ['Nobody ever rings us back.', 'communication'],
    ['They said she does not meet the threshold.', 'eligibility'],
    ['The Local Offer website is out of date.', 'information'],
    ['The physio is patient and kind.', 'staff'],
    ['The taxi was late again.', 'transport'],
    ['Everything stopped when he turned 18.', 'transitions'],
    ['Thank you for the lovely summer scheme.', 'other'],
  ])('%s → %s', (sentence, theme) => {
    expect(classifyComment(sentence)).toEqual([theme]);
  });
});

describe('several themes, in lexicon order', () => {
  it('gives every theme with a matching phrase', () => {
    expect(classifyComment('The escort on the bus never explains changes to the route.')).toEqual(['communication', 'staff', 'transport']);
    expect(classifyComment('He turned 18 on the waiting list for adult mental health services.')).toEqual(['waiting', 'transitions']);
  });
});

describe('denials ("no problems with ...")', () => {
  it('does not count a theme the comment says was no problem', () => {
    expect(classifyComment('No problems with transport.')).toEqual(['other']);
    expect(classifyComment('We have never had any issues with the taxi or the driver.')).toEqual(['other']);
    expect(classifyComment('Transport has not been an issue for us.')).toEqual(['other']);
    expect(classifyComment("No complaints about the staff, it's the lack of places.")).toEqual(['other']);
  });

  it('keeps the other themes of the comment', () => {
    expect(classifyComment('No problems with transport, but the wait for OT was 40 weeks.')).toEqual(['waiting']);
    const { themes, matches } = explainComment('No problems with transport. The speech therapist is great.');
    expect(themes).toEqual(['staff']);
    expect(matches.find((m) => m.theme === 'transport')).toMatchObject({ text: 'transport', ignored: 'denied' });
  });

  it('keeps a theme that is also raised outside the denial', () => {
    expect(classifyComment('Not had any problems with communication, they always keep us updated.')).toEqual(['communication']);
  });

  it('does not treat a complaint phrased with a negation as a denial', () => {
    expect(classifyComment('Nobody explained anything.')).toEqual(['communication']);
    expect(classifyComment('He is not eligible for short breaks.')).toEqual(['eligibility']);
    expect(classifyComment('There were no delays at all.')).toEqual(['waiting']);
    expect(classifyComment('Not enough therapists, sessions keep being cancelled.')).toEqual(['staff']);
    expect(classifyComment("Can't fault the nurses.")).toEqual(['staff']);
  });
});

describe('exclusions and word boundaries', () => {
  it('ignores phrases that only look like a theme', () => {
    expect(classifyComment("We can't wait for the holiday club!")).toEqual(['other']);
    expect(classifyComment('The waiting room is far too noisy.')).toEqual(['other']);
    expect(classifyComment('She has a speech delay and loves the group.')).toEqual(['other']);
    expect(classifyComment('His communication needs are well met in class.')).toEqual(['other']);
    expect(classifyComment('The sessions went over 18 months.')).toEqual(['other']);
    expect(classifyComment('It was our whole journey with autism.')).toEqual(['other']);
  });

  it('matches whole words only', () => {
    // "bus" is not in "business", "staff" stems do not reach "stuff", "wait" is not in "waitrose".
    expect(classifyComment('The business side is fine.')).toEqual(['other']);
    expect(classifyComment('Lots of stuff to do at Waitrose.')).toEqual(['other']);
    expect(classifyComment('Taxis')).toEqual(['transport']);
  });

  it('matches phrases across a short gap and numbers in words or digits', () => {
    expect(classifyComment('It took nearly two years to get an assessment.')).toEqual(['waiting']);
    expect(classifyComment('It took 9 months.')).toEqual(['waiting']);
  });
});

describe('the lexicon file', () => {
  it('has a label, a description and phrases for every theme but other, and every phrase compiles', () => {
    for (const theme of themeIds.filter((t) => t !== 'other')) {
      const entry = lexicon[theme as Exclude<typeof theme, 'other'>];
      expect(entry.label.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeGreaterThan(0);
      for (const phrase of [...entry.phrases, ...(entry.exclude ?? [])]) expect(() => compilePattern(phrase)).not.toThrow();
    }
  });
});
