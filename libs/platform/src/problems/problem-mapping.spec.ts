import { ProblemMapper } from './problem-mapping';
import { slugOfErrorName } from './problem-details';

class DomainError extends Error {}
class CommandRejectedError extends DomainError {}
class StageTransitionRejectedError extends CommandRejectedError {}
class NotFoundError extends DomainError {}

describe('ProblemMapper', () => {
  const mapper = new ProblemMapper([
    { error: CommandRejectedError, status: 409, title: 'Command rejected' },
    { error: NotFoundError, status: 404, title: 'Not found', type: 'urn:example:not-found' },
  ]);

  it('maps an error by its class, and subclasses by the nearest mapped ancestor', () => {
    expect(mapper.find(new CommandRejectedError('x'))).toEqual({
      status: 409,
      title: 'Command rejected',
      type: 'urn:hirestream:problem:command-rejected',
    });
    expect(mapper.find(new StageTransitionRejectedError('x'))?.status).toBe(409);
    expect(mapper.find(new NotFoundError('x'))?.type).toBe('urn:example:not-found');
  });

  it('leaves unmapped errors and non-errors alone', () => {
    expect(mapper.find(new DomainError('x'))).toBeUndefined();
    expect(mapper.find(new Error('x'))).toBeUndefined();
    expect(mapper.find('text')).toBeUndefined();
    expect(mapper.find(null)).toBeUndefined();
  });

  it('derives problem type slugs from error names', () => {
    expect(slugOfErrorName('CommandRejectedError')).toBe('command-rejected');
    expect(slugOfErrorName('IfMatchMismatchError')).toBe('if-match-mismatch');
  });
});
