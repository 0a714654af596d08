/** One dependency the service needs to serve traffic; `check` rejects when it is not usable. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export type CheckStatus = 'up' | 'down';

export interface CheckReport {
  readonly name: string;
  readonly status: CheckStatus;
  readonly error?: string;
  readonly ms: number;
}

export interface ReadinessReport {
  readonly status: CheckStatus;
  readonly checks: readonly CheckReport[];
}
