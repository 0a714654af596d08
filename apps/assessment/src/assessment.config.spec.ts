import { ConfigValidationError, loadConfig } from '@hirestream/platform';
import { AssessmentConfig } from './assessment.config';

const env = (feedbackDueHours?: string) => ({
  AUTH_MODE: 'development',
  ...(feedbackDueHours === undefined ? {} : { FEEDBACK_DUE_HOURS: feedbackDueHours }),
});

describe('assessment config', () => {
  it('makes feedback due 24 hours after an interview unless FEEDBACK_DUE_HOURS says otherwise', () => {
    expect(loadConfig(AssessmentConfig, env()).FEEDBACK_DUE_HOURS).toBe(24);
    expect(loadConfig(AssessmentConfig, env('72')).FEEDBACK_DUE_HOURS).toBe(72);
  });

  it.each(['0', '337', '1.5', 'a day'])('refuses FEEDBACK_DUE_HOURS=%s, naming it', (value) => {
    let thrown: unknown;
    try {
      loadConfig(AssessmentConfig, env(value));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigValidationError);
    expect(
      new Set((thrown as ConfigValidationError).problems.map((problem) => problem.variable)),
    ).toEqual(new Set(['FEEDBACK_DUE_HOURS']));
  });
});
