import { Module } from '@nestjs/common';
import { ChecksModule } from './checks.module';
import { ScreeningProviderModule } from './screening-provider.module';
import {
  BackgroundCheckTimerFiring,
  BackgroundCheckTimers,
} from './timers/background-check-timers';

/** The service's durable timers: adverse-action windows ending, consented checks' orders placed. */
@Module({
  imports: [ChecksModule, ScreeningProviderModule],
  providers: [BackgroundCheckTimers, BackgroundCheckTimerFiring],
})
export class CheckTimersModule {}
