import { bootstrapService } from '@hirestream/platform';
import { notificationsServiceOptions } from './notifications.service-options';

bootstrapService(notificationsServiceOptions).catch(() => process.exit(1));
