import { adverseImpact, flaggedGroups, type GroupSelection } from './adverse-impact';

const group = (name: string, considered: number, selected: number): GroupSelection => ({
  group: name,
  considered,
  selected,
});

describe('adverse impact', () => {
  describe('given 30 of 100 women and 60 of 100 men selected at screening', () => {
    const result = adverseImpact([group('female', 100, 30), group('male', 100, 60)]);

    it('when analysed, then women are flagged: ratio 0.3/0.6 = 0.5 < 0.8 and the z-test gives p = 2.0e-5', () => {
      // Every expected cell is 45 or 55 (≥ 5), so the z-test: pooled 90/200 = 0.45,
      // se = √(0.45 · 0.55 · (1/100 + 1/100)) = 0.070356, z = (0.3 − 0.6)/se = −4.264.
      expect(result).toEqual({
        kind: 'compared',
        alpha: 0.05,
        comparisonGroup: 'male',
        groups: [
          {
            kind: 'compared',
            group: 'female',
            considered: 100,
            selected: 30,
            selectionRate: 0.3,
            impactRatio: 0.5,
            belowFourFifths: true,
            test: {
              method: 'two-proportion-z-test',
              z: expect.closeTo(-4.264014327112209, 12),
              pValue: expect.closeTo(2.0078656124264847e-5, 15),
            },
            significant: true,
            flagged: true,
          },
          {
            kind: 'highest-rate',
            group: 'male',
            considered: 100,
            selected: 60,
            selectionRate: 0.6,
            impactRatio: 1,
          },
        ],
        total: { kind: 'shown', considered: 200, selected: 90, selectionRate: 0.45 },
      });
      expect(flaggedGroups(result)).toEqual(['female']);
    });
  });

  describe('given the same rates with tiny counts: 3 of 10 women and 6 of 10 men', () => {
    const result = adverseImpact([group('female', 10, 3), group('male', 10, 6)]);

    it("when analysed, then the ratio is 0.5 but Fisher's test gives p = 1553/4199 = 0.370: not flagged", () => {
      // Expected selected per group 10 · 9/20 = 4.5 < 5, so Fisher. With C(20, 9) tables, in
      // units of 1/16796: P(3 women) = C(10,3)·C(10,6)/C(20,9) = 2520; as likely or less are
      // 0, 1, 2, 3 women (1 + 45 + 540 + 2520) and, symmetrically, 6 to 9: 6212/16796.
      expect(result).toMatchObject({
        kind: 'compared',
        comparisonGroup: 'male',
        groups: [
          {
            kind: 'compared',
            group: 'female',
            impactRatio: 0.5,
            belowFourFifths: true,
            test: { method: 'fisher-exact-test', pValue: expect.closeTo(1553 / 4199, 12) },
            significant: false,
            flagged: false,
          },
          { kind: 'highest-rate', group: 'male' },
        ],
      });
      expect(flaggedGroups(result)).toEqual([]);
    });
  });

  describe('given equal rates: 20 of 50 women and 20 of 50 men', () => {
    it('when analysed, then the ratio is 1, p = 1 and nothing is flagged', () => {
      const result = adverseImpact([group('female', 50, 20), group('male', 50, 20)]);
      // On a tie the first group given is the comparison group.
      expect(result).toMatchObject({
        kind: 'compared',
        comparisonGroup: 'female',
        groups: [
          { kind: 'highest-rate', group: 'female', impactRatio: 1 },
          {
            kind: 'compared',
            group: 'male',
            impactRatio: 1,
            belowFourFifths: false,
            test: { method: 'two-proportion-z-test', z: 0, pValue: 1 },
            flagged: false,
          },
        ],
      });
    });
  });

  describe('given a ratio of exactly four-fifths: 12 of 20 women and 15 of 20 men', () => {
    it('when analysed, then the ratio 0.6/0.75 = 0.8 is not below four-fifths, so no flag', () => {
      // 0.6/0.75 in floating point is 0.7999999999999999; the rule is decided on whole numbers.
      const result = adverseImpact([group('female', 20, 12), group('male', 20, 15)]);
      expect(result).toMatchObject({
        groups: [{ group: 'female', impactRatio: 0.8, belowFourFifths: false, flagged: false }, {}],
      });
    });
  });

  describe('given a significant difference above four-fifths: 4,500 of 10,000 women and 5,000 of 10,000 men', () => {
    it('when analysed, then p = 1.4e-12 but the ratio 0.9 is not below 0.8, so no flag', () => {
      const result = adverseImpact([group('female', 10_000, 4_500), group('male', 10_000, 5_000)]);
      expect(result).toMatchObject({
        groups: [
          {
            group: 'female',
            impactRatio: expect.closeTo(0.9, 15),
            belowFourFifths: false,
            test: { method: 'two-proportion-z-test', pValue: expect.closeTo(1.44234317e-12, 19) },
            significant: true,
            flagged: false,
          },
          {},
        ],
      });
    });
  });

  describe('given 20 of 50 women and 30 of 50 men: z = 2, p = 0.0455', () => {
    // pooled 0.5, se = √(0.25 · 0.04) = 0.1, z = (0.4 − 0.6)/0.1 = −2.
    const groups = [group('female', 50, 20), group('male', 50, 30)];

    it('when analysed at the default alpha 0.05, then women are flagged', () => {
      expect(flaggedGroups(adverseImpact(groups))).toEqual(['female']);
    });

    it('when analysed at alpha 0.01, then the difference is not significant and nobody is flagged', () => {
      const result = adverseImpact(groups, { alpha: 0.01 });
      expect(result).toMatchObject({
        kind: 'compared',
        alpha: 0.01,
        groups: [{ belowFourFifths: true, significant: false, flagged: false }, {}],
      });
    });
  });

  describe('given a group of fewer than 5 people', () => {
    it('when analysed, then it is suppressed, with the smallest other group too, so that the total cannot give it away', () => {
      // nonbinary: 3 people. Total minus female and male would be exactly nonbinary's counts,
      // so the smallest shown group (female, 80) is suppressed with it: 83 people in 2 groups.
      const result = adverseImpact([
        group('female', 80, 24),
        group('male', 100, 60),
        group('nonbinary', 3, 1),
      ]);
      expect(result).toEqual({
        kind: 'not-enough-data',
        reason: 'fewer-than-two-groups-shown',
        groups: [
          { kind: 'suppressed', group: 'female' },
          { kind: 'counted', group: 'male', considered: 100, selected: 60, selectionRate: 0.6 },
          { kind: 'suppressed', group: 'nonbinary' },
        ],
        total: { kind: 'shown', considered: 183, selected: 85, selectionRate: 85 / 183 },
      });
    });

    it('when a group is not compared (declined to self-identify), then it is the one suppressed with the small group, and the others are still compared', () => {
      const result = adverseImpact(
        [
          group('female', 100, 30),
          group('male', 100, 60),
          group('nonbinary', 3, 1),
          group('declined', 40, 20),
        ],
        { notCompared: ['declined'] },
      );
      expect(result).toMatchObject({
        kind: 'compared',
        comparisonGroup: 'male',
        groups: [
          { kind: 'compared', group: 'female', impactRatio: 0.5, flagged: true },
          { kind: 'highest-rate', group: 'male' },
          { kind: 'suppressed', group: 'nonbinary' },
          { kind: 'suppressed', group: 'declined' },
        ],
        total: { kind: 'shown', considered: 243, selected: 111 },
      });
    });

    it.each([
      [
        'two holding 5 or more people together (3 and 4), then no other group is suppressed',
        [group('a', 3, 1), group('b', 4, 0), group('c', 100, 50), group('d', 120, 40)],
        ['a: suppressed', 'b: suppressed', 'c: highest-rate', 'd: compared'],
      ],
      [
        'two holding fewer than 5 together (2 and 2), then the smallest other group is suppressed too',
        [
          group('a', 2, 1),
          group('b', 2, 0),
          group('c', 50, 20),
          group('d', 60, 30),
          group('e', 70, 35),
        ],
        ['a: suppressed', 'b: suppressed', 'c: suppressed', 'd: highest-rate', 'e: compared'],
      ],
    ])('when the small groups are %s', (_case, groups, shownAs) => {
      const result = adverseImpact(groups);
      expect(result.groups.map((shown) => `${shown.group}: ${shown.kind}`)).toEqual(shownAs);
    });

    it('when a group has exactly 5 people, then it is shown', () => {
      const result = adverseImpact([group('female', 5, 1), group('male', 5, 4)]);
      expect(result).toMatchObject({
        kind: 'compared',
        groups: [
          { kind: 'compared', group: 'female', considered: 5, selected: 1 },
          { kind: 'highest-rate' },
        ],
      });
    });

    it('when every group is small and fewer than 5 people in all, then the total is suppressed too', () => {
      expect(adverseImpact([group('female', 2, 1), group('male', 2, 2)])).toEqual({
        kind: 'not-enough-data',
        reason: 'fewer-than-two-groups-shown',
        groups: [
          { kind: 'suppressed', group: 'female' },
          { kind: 'suppressed', group: 'male' },
        ],
        total: { kind: 'suppressed' },
      });
    });
  });

  describe('given nobody selected in any shown group', () => {
    it('when analysed, then there is not enough data, with the counts shown', () => {
      expect(adverseImpact([group('female', 10, 0), group('male', 12, 0)])).toEqual({
        kind: 'not-enough-data',
        reason: 'nobody-selected',
        groups: [
          { kind: 'counted', group: 'female', considered: 10, selected: 0, selectionRate: 0 },
          { kind: 'counted', group: 'male', considered: 12, selected: 0, selectionRate: 0 },
        ],
        total: { kind: 'shown', considered: 22, selected: 0, selectionRate: 0 },
      });
    });
  });

  describe('given no groups', () => {
    it('when analysed, then there is not enough data and no total', () => {
      expect(adverseImpact([])).toEqual({
        kind: 'not-enough-data',
        reason: 'fewer-than-two-groups-shown',
        groups: [],
        total: { kind: 'suppressed' },
      });
    });
  });

  describe('given bad input', () => {
    it.each([
      [
        [group('female', 10, 11)],
        {},
        'adverse impact: group "female": selected (11) cannot exceed considered (10)',
      ],
      [
        [group('female', 10, 1), group('female', 12, 1)],
        {},
        'adverse impact: group "female" appears twice',
      ],
      [[group('', 10, 1)], {}, 'adverse impact: a group needs a name'],
      [
        [group('female', 10, 1)],
        { alpha: 0 },
        'adverse impact: alpha must be between 0 and 1 (exclusive), got 0',
      ],
      [
        [group('female', 10, 1)],
        { alpha: Number.NaN },
        'adverse impact: alpha must be between 0 and 1 (exclusive), got NaN',
      ],
      [
        [group('female', 10, 1)],
        { notCompared: ['declined'] },
        'adverse impact: notCompared names "declined", which is not a group',
      ],
    ])('when analysed (%j, %j), then it is refused: %s', (groups, options, message) => {
      expect(() => adverseImpact(groups, options)).toThrow(new RangeError(message));
    });
  });
});
