import { describe, expect, it } from 'vitest';
import { codeOfSurveyPostPath, surveyPostPath, thanksPath } from './paths';

describe('the survey post path', () => {
  it('is read back from what the form posts to, with or without a query', () => {
    expect(codeOfSurveyPostPath(surveyPostPath('TTHC22'))).toBe('TTHC22');
    expect(codeOfSurveyPostPath('/s/TTHC22/gui?lang=en')).toBe('TTHC22');
    expect(codeOfSurveyPostPath('/s/%E0%A4/gui')).toBe('%E0%A4');
  });

  it('is no other path: the survey itself, its thanks, a deeper or a trailing-slash path', () => {
    for (const url of ['/s/TTHC22', '/s/TTHC22/cam-on', '/s/TTHC22/gui/', '/s/TTHC22/gui/x', '/s//gui', '/x/s/TTHC22/gui', '/s/TTHC22/guix']) {
      expect(codeOfSurveyPostPath(url), url).toBeNull();
    }
  });
});

describe('thanksPath', () => {
  it('says the language only when it is not Vietnamese, then the receipt and a low rating', () => {
    expect(thanksPath('TTHC22', 'vi', null)).toBe('/s/TTHC22/cam-on');
    expect(thanksPath('TTHC22', 'en', 'ABC123', true)).toBe('/s/TTHC22/cam-on?lang=en&ma=ABC123&muc=thap');
  });
});
