import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** The rule ids ESLint reports for `source` as if it were the file at `path` of the repository. */
function lintAs(path: string, source: string): string[] {
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--stdin',
      '--stdin-filename',
      path,
      '--format',
      'json',
    ],
    { cwd: root, input: source, encoding: 'utf8' },
  );
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string | null }[] }[];
  return report.messages.map((message) => String(message.ruleId));
}

describe('npm run lint holds the layering', () => {
  it('keeps domain code free of NestJS and I/O', () => {
    const path = 'apps/candidates/src/domain/sneaky.ts';
    expect(
      lintAs(path, "import { Injectable } from '@nestjs/common';\nexport { Injectable };\n"),
    ).toEqual(['no-restricted-imports']);
    expect(
      lintAs(path, "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n"),
    ).toEqual(['no-restricted-imports']);
    expect(
      lintAs(
        path,
        "import { CommandRejectedError } from '@hirestream/contracts';\nexport { CommandRejectedError };\n",
      ),
    ).toEqual([]);
  });

  it('keeps the write side from importing the read side', () => {
    const source =
      "import { InterviewsProjection } from '../interviews-projection/interviews.projection';\nexport { InterviewsProjection };\n";
    expect(lintAs('apps/scheduling/src/calendar-hold/sneaky.runner.ts', source)).toEqual([
      'no-restricted-imports',
    ]);
    expect(lintAs('apps/scheduling/src/domain/sneaky.ts', source)).toEqual([
      'no-restricted-imports',
    ]);
    // A query's controller reads projections; that is what they are for.
    expect(lintAs('apps/scheduling/src/list-interviews/sneaky.controller.ts', source)).toEqual([]);
  });

  it('keeps an app from importing another app', () => {
    expect(
      lintAs(
        'apps/scheduling/src/reactions/sneaky.ts',
        "import { candidateDecider } from '../../../candidates/src/domain/candidate.decider';\nexport { candidateDecider };\n",
      ),
    ).toEqual(['hirestream/no-cross-app-imports']);
  });
});
